//! The county's cases, told with the workflow's commands and stored like synced records.

use super::homes::{home_scope, write};
use super::*;

/// The items asked for and how often (the main request first).
const ITEMS: &[(&str, u64)] = &[
    ("temporary", 36),
    ("dibao", 18),
    ("medical", 14),
    ("education", 8),
    ("tekun", 5),
    ("dibao_edge", 5),
    ("housing", 4),
    ("employment", 4),
    ("disability", 3),
    ("disaster", 3),
];

/// What the cases came to: how many of each state, and how many plans the workflow refused
/// (then told again as a one-item 临时救助 case, or failing that a submitted one, and counted here).
#[derive(Default)]
pub struct CaseTally {
    pub states: std::collections::BTreeMap<String, usize>,
    pub retold: usize,
    pub entrustments: usize,
    pub evaluations: usize,
}

/// `count` cases over the households (each household about `count / homes` of them),
/// opened over the last three years, in states that follow from their age.
pub async fn cases(
    db: &Db,
    county: &County,
    homes: &[Home],
    count: usize,
    chunk: usize,
    rng: &mut Rng,
) -> anyhow::Result<CaseTally> {
    let catalogue = Catalogue::builtin();
    let now = Utc::now();
    let mut tally = CaseTally::default();
    let weights: Vec<u64> = ITEMS.iter().map(|(_, w)| *w).collect();
    let mut made = 0;
    let started = Instant::now();
    while made < count {
        let n = chunk.min(count - made);
        let mut records = Vec::with_capacity(n * 3);
        let mut events = Vec::with_capacity(n * 12);
        for k in 0..n {
            let home = &homes[(made + k) % homes.len()];
            let village = &county.villages[home.village];
            let township = &county.townships[village.township];
            let helper = if village.helpers.is_empty() {
                None
            } else {
                Some(*rng.pick(&village.helpers))
            };
            // Spread evenly over three years, as the county is.
            let age_minutes = rng.below(3 * 365 * 24 * 60) as i64 + 90;
            let opened: DateTime<Utc> = now - Duration::minutes(age_minutes);
            let young = age_minutes < 60 * 24 * 45;
            let target = if young {
                *rng.pick(&[
                    Target::Submitted,
                    Target::Supplement,
                    Target::Accepted,
                    Target::Routed,
                    Target::Routed,
                    Target::Decided,
                    Target::Told,
                    Target::Told,
                    Target::Closed,
                    Target::Closed,
                    Target::Closed,
                    Target::NotAccepted,
                ])
            } else {
                [
                    Target::Closed,
                    Target::Told,
                    Target::Routed,
                    Target::Decided,
                    Target::NotAccepted,
                    Target::Withdrawn,
                    Target::Accepted,
                ][rng.weighted(&[870, 50, 20, 10, 25, 20, 5])]
            };
            let channel = if helper.is_some() && rng.below(100) < 60 {
                Channel::Entrusted
            } else {
                [
                    Channel::Window,
                    Channel::Hotline,
                    Channel::ProactiveDiscovery,
                ][rng.weighted(&[60, 25, 15])]
            };
            let mut items = vec![AidItemCode(ITEMS[rng.weighted(&weights)].0.into())];
            if rng.below(5) == 0 {
                let second = AidItemCode(ITEMS[rng.weighted(&weights)].0.into());
                if second != items[0] {
                    items.push(second);
                }
            }
            let rating = match rng.below(100) {
                0..80 => Some(Rating::Satisfied),
                80..90 => Some(Rating::BasicallySatisfied),
                90..93 => Some(Rating::Dissatisfied),
                _ => None,
            };
            let gaps = [
                1 + rng.below(48) as i64,
                2 + rng.below(30) as i64,
                24 + rng.below(24 * 25) as i64,
                24 * 7,
                4 + rng.below(60) as i64,
                24 + rng.below(24 * 12) as i64,
                1 + rng.below(24) as i64,
                1,
            ];
            let cast = Cast {
                helper: helper.unwrap_or(township.clerk),
                clerk: township.clerk,
                verifier: township.verifier,
                leader: township.leader,
                officers: &county.officers,
            };
            let mut plan = Plan {
                id: CaseId(rng.uuid()),
                channel,
                items,
                opened,
                target,
                deny: rng.below(12) == 0,
                rating,
                gaps,
            };
            let told = match tell(&plan, home.id, &cast, &catalogue, now) {
                Ok(t) => t,
                Err(e) => {
                    if tally.retold < 3 {
                        eprintln!("  a plan the workflow refused ({e}); told as 临时救助");
                    }
                    tally.retold += 1;
                    plan.items = vec![AidItemCode("temporary".into())];
                    plan.deny = false;
                    match tell(&plan, home.id, &cast, &catalogue, now) {
                        Ok(t) => t,
                        Err(_) => {
                            plan.target = Target::Submitted;
                            tell(&plan, home.id, &cast, &catalogue, now)?
                        }
                    }
                }
            };
            let record = told.record;
            *tally
                .states
                .entry(server::projection::row::code(&record.case.state()))
                .or_default() += 1;
            let scope = server::sync::scope_of(&record, &home_scope(&home.place, &[]));
            let case_id = record.case.id().0;
            for (i, e) in record.events.iter().enumerate() {
                events.push((
                    case_id,
                    i as i64 + 1,
                    serde_json::to_string(e)?,
                    server::db::time::to_db(e.at),
                ));
            }
            let mut entrustment = None;
            if let (Channel::Entrusted, Some(helper)) = (channel, helper) {
                let e = EntrustmentRecord {
                    id: EntrustmentId(rng.uuid()),
                    household: home.id,
                    entrusting_member: home.applicant.0,
                    entrusting_name: home.applicant.1.clone(),
                    helper,
                    items: record.case.requested_items().to_vec(),
                    main_item: record.case.primary_item().cloned(),
                    channel: EntrustmentChannel::InPerson,
                    received_at: opened - Duration::minutes(30),
                    signature: None,
                    cases: vec![record.case.id()],
                    termination: None,
                };
                entrustment = Some(e.id);
                records.push((
                    RecordKind::Entrustment,
                    e.id.0,
                    home_scope(&home.place, &[helper]),
                    serde_json::to_value(&e)?,
                ));
                tally.entrustments += 1;
            }
            if let Some((rating, at)) = told.rated_at {
                let e = Evaluation {
                    id: EvaluationId(rng.uuid()),
                    case: record.case.id(),
                    entrustment,
                    rating,
                    comment: None,
                    collected_by: helper.unwrap_or(township.clerk),
                    collected_at: at,
                };
                records.push((
                    RecordKind::Evaluation,
                    e.id.0,
                    scope.clone(),
                    serde_json::to_value(&e)?,
                ));
                tally.evaluations += 1;
            }
            records.push((
                RecordKind::Case,
                case_id,
                scope,
                serde_json::to_value(&record)?,
            ));
        }
        write(db, &records, events).await?;
        made += n;
        if made % (chunk * 20) == 0 || made == count {
            println!(
                "    {made} cases ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(tally)
}
