//! Fills a county: more townships and villages beside the demo's (through the `places`
//! table, as the admin's places page writes it), the township staff and the villages'
//! helpers (the `users` table with the roster's columns, as the demo's), households through
//! the sync store (`server::sync::import_records`, one batch per chunk), and cases told with
//! the workflow's commands ([`super::story`]) stored like synced records with their history,
//! their entrustments and evaluations, and their projection rows written in the same batch.
//!
//! Seeded (SplitMix64): the same counts give the same county, states and dates. The places
//! and staff here; the households in [`homes`], the cases in [`cases`].

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::department::DepartmentCode;
use domain::fieldwork::{
    EntrustmentChannel, EntrustmentId, EntrustmentRecord, Evaluation, EvaluationId, Rating,
};
use domain::household::{
    Employment, Fen, Health, Household, IncomeItem, IncomeKind, Member, Relation,
};
use domain::identity::{IdNumber, PersonName};
use domain::ids::{CaseId, HouseholdId, MemberId, UserId};
use domain::jurisdiction::{PlaceCode, RecordScope};
use domain::sync::RecordKind;
use domain::workflow::Channel;
use serde_json::Value;
use server::db::Db;
use uuid::Uuid;

use super::story::{Cast, Plan, Target, tell};

mod cases;
mod homes;

pub use cases::cases;
pub use homes::{Home, households};

/// Seeded pseudo-random numbers (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn uuid(&mut self) -> Uuid {
        let bytes = ((u128::from(self.next()) << 64) | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len() as u64) as usize]
    }
    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// The new townships (垫江县's, besides the demo's 桂溪街道 and 沙坪镇).
const TOWNSHIPS: &[&str] = &[
    "高安镇",
    "澄溪镇",
    "太平镇",
    "鹤游镇",
    "周嘉镇",
    "白家镇",
    "永安镇",
    "五洞镇",
    "黄沙镇",
    "杠家镇",
    "包家镇",
    "砚台镇",
    "普顺镇",
    "曹回镇",
    "坪山镇",
    "新民镇",
    "长龙镇",
    "永平镇",
    "大石乡",
    "三溪镇",
];
const VILLAGES_PER_TOWNSHIP: usize = 13;
const VILLAGE_STEMS: &[&str] = &[
    "龙井", "石岭", "桂花", "青龙", "大河", "松林", "双河", "新华", "花园", "凤凰", "金桥", "长岭",
    "白鹤", "柏树", "同心", "永兴", "黄桷", "回龙", "团结", "红岩", "玉泉", "梨园",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "谭", "冉", "邓", "彭", "余", "秦",
];
const GIVEN: &[&str] = &[
    "秀英", "建国", "桂兰", "志强", "玉梅", "德华", "丽华", "国平", "春梅", "永福", "淑贞", "光明",
    "小军", "思雨", "佳怡", "浩然", "子轩", "素芬", "大勇", "晓东", "红", "芳", "军", "敏", "静",
    "勇",
];

/// A village of the county: its grids, its township's index in [`County::townships`].
pub struct Village {
    pub grids: [String; 2],
    pub township: usize,
    /// The helpers registered there (maybe none: a village short of helpers).
    pub helpers: Vec<UserId>,
}

/// The township's staff who act on its cases.
pub struct Township {
    pub clerk: UserId,
    pub verifier: UserId,
    pub leader: UserId,
}

/// The county as filled.
pub struct County {
    pub townships: Vec<Township>,
    pub villages: Vec<Village>,
    pub officers: Vec<(DepartmentCode, UserId)>,
}

async fn id_of(db: &Db, username: &str) -> anyhow::Result<UserId> {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(db.pool())
        .await?;
    Ok(UserId(Uuid::parse_str(&id)?))
}

/// A valid mainland ID number (GB 11643) of a person of the county born on `born`, the
/// `serial`-th that day.
fn id_number(born: NaiveDate, serial: u32) -> String {
    let body = format!("500231{}{:03}", born.format("%Y%m%d"), serial % 1000);
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// The `n`-th person of the county: a birth day and serial no one else has.
fn person_number(n: u64, born_from: NaiveDate, span_days: u64) -> String {
    let born = born_from + Duration::days((n % span_days) as i64);
    id_number(born, (n / span_days) as u32 + 100)
}

fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// Adds the townships, villages, grids, staff and helpers; answers the county's shape
/// (the demo's townships and villages included, acted on by the demo's staff).
pub async fn places_and_staff(db: &Db, rng: &mut Rng) -> anyhow::Result<County> {
    let hash = server::auth::password::hash(server::demo::DEMO_PASSWORD)?;
    let now = server::db::time::now();
    let mut tx = db.begin_write().await?;
    let mut county = County {
        townships: Vec::new(),
        villages: Vec::new(),
        officers: Vec::new(),
    };
    // The demo's townships, with the demo's staff (桂溪街道 has no clerk of its own there:
    // 沙坪镇's acts for it, as the demo's referral does).
    let (clerk, verifier, leader) = (
        id_of(db, "clerk").await?,
        id_of(db, "verifier").await?,
        id_of(db, "leader").await?,
    );
    let demo_helper = id_of(db, "helper").await?;
    for _ in ["500231001", "500231101"] {
        county.townships.push(Township {
            clerk,
            verifier,
            leader,
        });
    }
    for (t, v) in [
        (0, "500231001001"),
        (0, "500231001002"),
        (1, "500231101201"),
        (1, "500231101202"),
    ] {
        county.villages.push(Village {
            grids: [format!("{v}-G01"), format!("{v}-G02")],
            township: t,
            helpers: if v == "500231101201" {
                vec![demo_helper]
            } else {
                vec![]
            },
        });
    }
    let mut people = 0u64;
    let insert_place = "INSERT INTO places (code, parent_code, level, name_zh, name_en, population) \
                        VALUES ($1, $2, $3, $4, $5, $6)";
    let insert_user = "INSERT INTO users (id, username, phone, display_name, role, place_code, \
         department_code, password_hash, disabled, created_at, id_number, staff_category) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    for (n, township_name) in TOWNSHIPS.iter().enumerate() {
        let code = format!("500231{:03}", 102 + n);
        sqlx::query(insert_place)
            .bind(&code)
            .bind("500231")
            .bind("township")
            .bind(*township_name)
            .bind(format!("Township {}", 102 + n))
            .bind(None::<i64>)
            .execute(&mut *tx)
            .await?;
        let mut staff = Vec::new();
        for role in ["window_clerk", "verifier", "township_leader"] {
            let id = rng.uuid();
            sqlx::query(insert_user)
                .bind(id.to_string())
                .bind(format!("{role}-{code}"))
                .bind(None::<String>)
                .bind(name(rng))
                .bind(role)
                .bind(&code)
                .bind(None::<String>)
                .bind(&hash)
                .bind(false)
                .bind(&now)
                .bind(None::<String>)
                .bind(None::<String>)
                .execute(&mut *tx)
                .await?;
            staff.push(UserId(id));
        }
        let t = county.townships.len();
        county.townships.push(Township {
            clerk: staff[0],
            verifier: staff[1],
            leader: staff[2],
        });
        for v in 0..VILLAGES_PER_TOWNSHIP {
            let village = format!("{code}{:03}", 201 + v);
            let stem = VILLAGE_STEMS[(n * 5 + v) % VILLAGE_STEMS.len()];
            let population = 400 + rng.below(2600) as i64;
            sqlx::query(insert_place)
                .bind(&village)
                .bind(&code)
                .bind("village")
                .bind(format!("{stem}村"))
                .bind(format!("Village {village}"))
                .bind(Some(population))
                .execute(&mut *tx)
                .await?;
            let grids = [format!("{village}-G01"), format!("{village}-G02")];
            for (g, grid) in grids.iter().enumerate() {
                sqlx::query(insert_place)
                    .bind(grid)
                    .bind(&village)
                    .bind("grid")
                    .bind(format!("{stem}村第{}网格", g + 1))
                    .bind(format!("Grid {grid}"))
                    .bind(None::<i64>)
                    .execute(&mut *tx)
                    .await?;
            }
            // Most villages have the helpers their population needs; some are short.
            let needed = if population > 1000 { 2 } else { 1 };
            let count = match rng.below(20) {
                0 => 0,
                1 | 2 => needed - 1,
                _ => needed,
            };
            let mut helpers = Vec::new();
            for h in 0..count {
                let id = rng.uuid();
                people += 1;
                let number = person_number(
                    people,
                    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a day"),
                    9000,
                );
                sqlx::query(insert_user)
                    .bind(id.to_string())
                    .bind(format!("helper-{village}-{h}"))
                    .bind(format!("139{:08}", 10_000_000 + people))
                    .bind(name(rng))
                    .bind("helper")
                    .bind(&village)
                    .bind(None::<String>)
                    .bind(&hash)
                    .bind(false)
                    .bind(&now)
                    .bind(Some(number))
                    .bind(Some(*rng.pick(&[
                        "grid_worker",
                        "community_worker",
                        "assistance_clerk",
                    ])))
                    .execute(&mut *tx)
                    .await?;
                helpers.push(UserId(id));
            }
            county.villages.push(Village {
                grids,
                township: t,
                helpers,
            });
        }
    }
    // One officer for each department the catalogue routes to (the demo has two).
    let catalogue = Catalogue::builtin();
    for d in catalogue.departments() {
        let existing: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM users WHERE role = 'department_officer' AND department_code = $1",
        )
        .bind(d.code.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let id = match existing {
            Some((id,)) => UserId(Uuid::parse_str(&id)?),
            None => {
                let id = rng.uuid();
                sqlx::query(insert_user)
                    .bind(id.to_string())
                    .bind(format!("officer-{}", d.code.as_str()))
                    .bind(None::<String>)
                    .bind(name(rng))
                    .bind("department_officer")
                    .bind("500231")
                    .bind(Some(d.code.as_str()))
                    .bind(&hash)
                    .bind(false)
                    .bind(&now)
                    .bind(None::<String>)
                    .bind(None::<String>)
                    .execute(&mut *tx)
                    .await?;
                UserId(id)
            }
        };
        county.officers.push((d.code.clone(), id));
    }
    tx.commit().await?;
    Ok(county)
}
