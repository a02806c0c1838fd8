//! The county's households, written through the sync store a chunk at a time.

use super::*;

/// One stored household: its id, where it lives, its village's index.
pub struct Home {
    pub id: HouseholdId,
    pub place: PlaceCode,
    pub village: usize,
    pub applicant: (MemberId, PersonName),
}

/// `count` households of one to four people, spread over the villages, in chunks of
/// `chunk` per write transaction.
pub async fn households(
    db: &Db,
    county: &County,
    count: usize,
    chunk: usize,
    rng: &mut Rng,
) -> anyhow::Result<Vec<Home>> {
    let today = domain::clocks::china_date(Utc::now());
    let mut homes = Vec::with_capacity(count);
    let mut person = 1_000_000u64;
    let born_from = NaiveDate::from_ymd_opt(1935, 1, 1).expect("a day");
    let mut made = 0;
    while made < count {
        let n = chunk.min(count - made);
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            let village = rng.below(county.villages.len() as u64) as usize;
            let v = &county.villages[village];
            let grid: &String = rng.pick(&v.grids);
            let place = PlaceCode::parse(grid)?;
            let size = 1 + rng.weighted(&[30, 35, 20, 15]);
            let mut members = Vec::with_capacity(size);
            let head_born = 20 + rng.below(60);
            for m in 0..size {
                person += 1;
                // The applicant and a spouse are adults; children and grandchildren younger.
                let (relation, age_days) = match m {
                    0 => (Relation::Applicant, head_born * 365 + rng.below(300)),
                    1 => (Relation::Spouse, head_born * 365 + rng.below(700)),
                    _ if head_born > 55 => (Relation::Grandchild, 365 * (2 + rng.below(14))),
                    _ => (Relation::Child, 365 * (1 + rng.below(16))),
                };
                let born = today - Duration::days(age_days as i64 + 2);
                let born = born.max(born_from);
                let number = id_number(born, (person % 900) as u32 + 100);
                let id_number = match IdNumber::parse(&number, today) {
                    Ok(n) => n,
                    Err(_) => IdNumber::parse(&person_number(person, born_from, 20_000), today)
                        .map_err(|e| anyhow::anyhow!("generated ID number: {e:?}"))?,
                };
                let age = id_number.age_on(today);
                members.push(Member {
                    id: MemberId(rng.uuid()),
                    name: PersonName::parse(&name(rng))?,
                    relation,
                    disability: None,
                    health: if age >= 60 {
                        Health::ChronicIllness
                    } else {
                        Health::Healthy
                    },
                    employment: match age {
                        ..18 => Employment::Student,
                        60.. => Employment::UnableToWork,
                        _ => Employment::Flexible,
                    },
                    id_number,
                    phone: None,
                });
            }
            let household = Household {
                id: HouseholdId(rng.uuid()),
                place: place.clone(),
                address: format!("{}组{}号", 1 + rng.below(9), 1 + rng.below(60)),
                members,
                income: vec![IncomeItem {
                    id: "pension".to_owned(),
                    member: None,
                    kind: IncomeKind::Pension,
                    monthly: Fen(20_000 + 1_000 * rng.below(40) as i64),
                    note: String::new(),
                }],
                property: Vec::new(),
                housing_damaged: rng.below(200) == 0,
            };
            household
                .validate(today)
                .map_err(|e| anyhow::anyhow!("generated household invalid: {e:?}"))?;
            let scope = home_scope(&place, &[]);
            let applicant = &household.members[0];
            homes.push(Home {
                id: household.id,
                place,
                village,
                applicant: (applicant.id, applicant.name.clone()),
            });
            records.push((
                RecordKind::Household,
                household.id.0,
                scope,
                serde_json::to_value(&household)?,
            ));
        }
        write(db, &records, Vec::new()).await?;
        made += n;
    }
    Ok(homes)
}

pub(super) fn home_scope(place: &PlaceCode, helpers: &[UserId]) -> RecordScope {
    RecordScope {
        place: place.clone(),
        owner: None,
        departments: Vec::new(),
        helpers: helpers.to_vec(),
    }
}

pub(super) async fn write(
    db: &Db,
    records: &[(RecordKind, Uuid, RecordScope, Value)],
    events: Vec<(Uuid, i64, String, String)>,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    server::sync::import_records(&mut tx, records, events, Uuid::nil()).await?;
    tx.commit().await?;
    Ok(())
}
