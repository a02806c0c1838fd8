//! Demo data that makes a fresh installation explorable: one county, two townships, four
//! villages, eight grids, a few households, the demo helper's cases in 毛家村, the window's,
//! verifier's and departments' cases in 李家村 (`cases::township`), and one account for each
//! role (two department officers, for two-department routing, and three residents).
//!
//! Loaded only into an empty database, so a restart never duplicates it.

pub mod authorizations;
mod cases;
mod cases_store;
mod checklist;
mod households;
mod places;
pub mod registry;
mod story;
pub mod totp;

use domain::sync::RecordKind;
use uuid::Uuid;

use crate::auth::password;
use crate::db::Db;
use places::PLACES;

/// The password of every demo staff account. Printed at startup; never use it in production.
pub const DEMO_PASSWORD: &str = "onedoor-demo";

/// A demo account: sign-in name (staff) or phone (resident), display name, role, place, department.
pub struct DemoAccount {
    /// Staff sign-in name; `None` for the resident, who signs in by phone.
    pub username: Option<&'static str>,
    /// Mobile number (residents sign in with it and a one-time code).
    pub phone: Option<&'static str>,
    /// Display name.
    pub display_name: &'static str,
    /// Role code (`domain::role::Role::code`).
    pub role: &'static str,
    /// Place code in the jurisdiction tree.
    pub place: &'static str,
    /// Department code for department officers.
    pub department: Option<&'static str>,
}

/// One account for each role; a second department officer (medical security, so that a case
/// routed to two departments can be followed on both sides), a second resident (who applied
/// online in 李家村) and a third (王秀英's husband, who certifies for her).
pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        username: None,
        phone: Some("13800000001"),
        display_name: "王秀英",
        role: "resident",
        place: "500231101201-G01",
        department: None,
    },
    DemoAccount {
        username: Some("helper"),
        phone: None,
        display_name: "李网格",
        role: "helper",
        place: "500231101201",
        department: None,
    },
    DemoAccount {
        username: Some("clerk"),
        phone: None,
        display_name: "张窗口",
        role: "window_clerk",
        place: "500231101",
        department: None,
    },
    DemoAccount {
        username: Some("verifier"),
        phone: None,
        display_name: "陈核查",
        role: "verifier",
        place: "500231101",
        department: None,
    },
    DemoAccount {
        username: Some("officer"),
        phone: None,
        display_name: "刘民政",
        role: "department_officer",
        place: "500231",
        department: Some("civil_affairs"),
    },
    DemoAccount {
        username: Some("officer2"),
        phone: None,
        display_name: "孙医保",
        role: "department_officer",
        place: "500231",
        department: Some("medical_security"),
    },
    DemoAccount {
        username: None,
        phone: Some("13800000002"),
        display_name: "谭丽华",
        role: "resident",
        place: "500231101202-G01",
        department: None,
    },
    // 王秀英's husband, registered in her household with his own number: he certifies her
    // yearly eligibility for her as family (`households::MEMBER_PHONES`).
    DemoAccount {
        username: None,
        phone: Some("13800000003"),
        display_name: "陈德华",
        role: "resident",
        place: "500231101201-G01",
        department: None,
    },
    DemoAccount {
        username: Some("supervisor"),
        phone: None,
        display_name: "赵监管",
        role: "supervisor",
        place: "500231",
        department: None,
    },
    // 沙坪镇's leader in charge (分管领导): agrees to routing, is told of late cases (the
    // number is fictional; the development sender writes the texts to the outbox log).
    DemoAccount {
        username: Some("leader"),
        phone: Some("13900000011"),
        display_name: "周分管",
        role: "township_leader",
        place: "500231101",
        department: None,
    },
    DemoAccount {
        username: Some("admin"),
        phone: None,
        display_name: "系统管理员",
        role: "admin",
        place: "500231",
        department: None,
    },
];

/// The roster's columns of the demo helpers (seed 000 attachment 3): sign-in name, a
/// fictitious but valid ID number (area 500231, check digit right), and the 人员类别 code.
pub const HELPER_ROSTER: &[(&str, &str, &str)] = &[("helper", "500231198503120021", "grid_worker")];

macro_rules! exec {
    ($tx:expr, $sql:expr $(, $arg:expr)*) => {
        sqlx::query($sql)$(.bind($arg))*.execute(&mut *$tx).await
    };
}

/// Inserts every demo row inside the given transaction (SQLite and PostgreSQL share the SQL:
/// both take `$N` placeholders).
macro_rules! insert_all {
    ($tx:ident) => {{
        for (code, parent, level, name_zh, name_en, population) in PLACES {
            exec!($tx, "INSERT INTO places (code, parent_code, level, name_zh, name_en, population) VALUES ($1, $2, $3, $4, $5, $6)",
                *code, *parent, *level, *name_zh, *name_en, *population)?;
        }
        let hash = password::hash(DEMO_PASSWORD)?;
        for a in ACCOUNTS {
            let staff_hash = a.username.map(|_| hash.clone());
            exec!($tx, "INSERT INTO users (id, username, phone, display_name, role, place_code, department_code, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                Uuid::now_v7().to_string(), a.username, a.phone, a.display_name, a.role, a.place, a.department, staff_hash, false, crate::db::time::now())?;
        }
        for (username, id_number, category) in HELPER_ROSTER {
            exec!($tx, "UPDATE users SET id_number = $1, staff_category = $2 WHERE username = $3",
                *id_number, *category, *username)?;
        }
    }};
}

/// Adds the catalogue's departments the database does not have yet (the catalogue is the
/// source of departments; accounts and sub-cases refer to them).
pub async fn ensure_departments(
    db: &Db,
    catalogue: &domain::catalogue::Catalogue,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    for d in catalogue.departments() {
        sqlx::query("INSERT INTO departments (code, name_zh, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING")
            .bind(d.code.as_str())
            .bind(&d.name_zh)
            .bind(&d.name_en)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Loads the demo data when the database has no places yet (the demo authorizations
/// countersigned with `keys`). Answers whether it loaded.
pub async fn load_if_empty(
    db: &Db,
    keys: &crate::authorization::AuthorizationKeys,
) -> anyhow::Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM places")
        .fetch_one(db.pool())
        .await?;
    if n > 0 {
        return Ok(false);
    }
    ensure_departments(db, &domain::catalogue::Catalogue::builtin()).await?;
    let mut tx = db.begin_write().await?;
    insert_all!(tx);
    let homes = households::build(chrono::Utc::now().date_naive())?;
    for h in &homes {
        let scope = domain::jurisdiction::RecordScope {
            place: h.place.clone(),
            owner: None,
            departments: Vec::new(),
            helpers: Vec::new(),
        };
        let body = serde_json::to_value(h)?;
        crate::sync::import_record(
            &mut tx,
            RecordKind::Household,
            h.id.0,
            &scope,
            &body,
            Uuid::nil(),
        )
        .await?;
    }
    cases_store::load(&mut tx, &homes, keys, chrono::Utc::now()).await?;
    let (supervisor,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'supervisor'")
            .fetch_one(&mut *tx)
            .await?;
    let supervisor = domain::ids::UserId(Uuid::parse_str(&supervisor)?);
    registry::load(
        &mut tx,
        domain::clocks::china_date(chrono::Utc::now()),
        supervisor,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Prints the demo accounts for the person who just started the server. Phones are masked, as
/// in every line this server prints; the README lists the demo resident's number.
pub fn print_accounts() {
    println!("demo accounts (staff password: {DEMO_PASSWORD}):");
    println!(
        "  admin and supervisor also need a code: `onedoor demo-totp`, or add the secret {} \
         to an authenticator app",
        totp::DEMO_TOTP_SECRET
    );
    for a in ACCOUNTS {
        let sign_in = match (a.username, a.phone) {
            (Some(u), _) => u.to_owned(),
            (None, Some(p)) => format!(
                "phone {} (see README)",
                domain::identity::mask::mask_phone(p)
            ),
            (None, None) => continue,
        };
        println!("  {:<20} {:<34} {}", a.role, sign_in, a.place);
    }
}

/// A valid one-person household (a fictional pensioner) with id `id`, as the sync API carries
/// it: for tests and the benchmark.
pub fn one_person_household(
    id: domain::ids::HouseholdId,
    place: &str,
    address: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": id.0.to_string(),
        "place": place,
        "address": address,
        "members": [{
            "id": uuid::Uuid::now_v7().to_string(),
            "name": "王秀英",
            "id_number": "500231195803124020",
            "relation": "applicant",
            "health": "chronic_illness",
            "employment": "farming"
        }],
        "income": [{"id": "i1", "kind": "pension", "monthly": 35000}],
        "property": []
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ids::UserId;
    use domain::jurisdiction::{Actor, JurisdictionTree, Place, PlaceCode, PlaceKind};
    use domain::role::Role;

    #[test]
    fn demo_places_form_a_valid_tree_of_the_promised_shape() {
        for (code, parent, level, ..) in PLACES {
            let parsed = PlaceCode::parse(code).expect("demo place code parses");
            assert_eq!(
                format!("{:?}", parsed.level()).to_lowercase(),
                *level,
                "{code}"
            );
            assert_eq!(
                parsed.parent().map(|p| p.as_str().to_owned()),
                parent.map(str::to_owned)
            );
        }
        let places = PLACES
            .iter()
            .map(|(code, _, _, name_zh, name_en, population)| Place {
                code: PlaceCode::parse(code).unwrap(),
                name_zh: (*name_zh).to_owned(),
                name_en: (*name_en).to_owned(),
                kind: match name_zh {
                    n if n.ends_with("县") => PlaceKind::County,
                    n if n.ends_with("街道") => PlaceKind::Street,
                    n if n.ends_with("镇") => PlaceKind::Town,
                    n if n.ends_with("社区") => PlaceKind::Community,
                    n if n.ends_with("村") => PlaceKind::Village,
                    _ => PlaceKind::Grid,
                },
                population: *population,
            })
            .collect();
        let tree = JurisdictionTree::new(places).expect("demo tree is valid");
        assert_eq!(tree.villages().count(), 4);
    }

    #[test]
    fn demo_households_have_valid_ids_and_one_applicant_each() {
        for h in households::HOUSEHOLDS {
            PlaceCode::parse(h.place).expect("household place");
            assert_eq!(h.members.iter().filter(|m| m.3).count(), 1, "{}", h.address);
            for (_, id_number, ..) in h.members {
                domain::identity::IdNumber::parse_shape(id_number).expect("valid demo ID number");
            }
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let built = households::build(today).expect("demo households pass the domain rules");
        assert_eq!(built.len(), households::HOUSEHOLDS.len());
    }

    #[test]
    fn every_demo_account_is_a_valid_actor_and_every_role_has_one() {
        for role in Role::ALL {
            assert!(
                ACCOUNTS.iter().any(|a| a.role == role.code()),
                "no demo {role:?}"
            );
        }
        for a in ACCOUNTS {
            let actor = Actor {
                user: UserId(Uuid::nil()),
                role: Role::from_code(a.role).expect("known role"),
                place: PlaceCode::parse(a.place).expect("place code"),
                department: a
                    .department
                    .map(|d| domain::department::DepartmentCode(d.to_owned())),
            };
            assert_eq!(actor.validate(), Ok(()), "{}", a.display_name);
        }
    }
}
