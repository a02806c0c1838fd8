//! The demo registry: a small roster as if imported from the county's earlier system, its
//! months counted back from the day the data loads so that a newcomer sees, any day, an
//! overdue review (特困 since 14 months), one due (低保 since 11 months), and this month's
//! new, exited and stopped entries; the decided demo cases add their own entries. Written with
//! the same record store as everything else the demo loads. `registry_sample.csv` (also
//! `docs/registry-sample.csv`) is another roster, of other people, that the import page
//! accepts as it is.

use chrono::NaiveDate;
use domain::jurisdiction::{PlaceCode, RecordScope};
use domain::registry::{Category, Month, RegistryRecord, RosterEntry};
use domain::sync::RecordKind;
use sha2::{Digest, Sha256};

use crate::pages::registry::import::derived_id;

/// The sample roster the import page offers for download.
pub const SAMPLE_CSV: &str = include_str!("registry_sample.csv");

/// (village, category, name, ID number, members, yuan, months back to start, months back to
/// the end, months back to the stop).
type Row = (
    &'static str,
    Category,
    &'static str,
    &'static str,
    u32,
    i64,
    u32,
    Option<u32>,
    Option<u32>,
);

const ROWS: [Row; 6] = [
    (
        "500231101201",
        Category::Tekun,
        "冯明德",
        "500231195203041010",
        1,
        1250,
        14,
        None,
        None,
    ),
    (
        "500231101202",
        Category::Dibao,
        "蒋桂珍",
        "50023119480716202X",
        2,
        760,
        11,
        None,
        None,
    ),
    (
        "500231001001",
        Category::Dibao,
        "田志刚",
        "500231197902113131",
        3,
        1080,
        6,
        None,
        None,
    ),
    (
        "500231001002",
        Category::Dibao,
        "韩秀兰",
        "500231196609254248",
        2,
        720,
        0,
        None,
        None,
    ),
    (
        "500231101201",
        Category::DibaoEdge,
        "曹建军",
        "500231198811035355",
        4,
        0,
        8,
        Some(1),
        None,
    ),
    (
        "500231101202",
        Category::Tekun,
        "魏玉珍",
        "500231194105286466",
        1,
        1250,
        30,
        None,
        Some(0),
    ),
];

fn back(today: NaiveDate, n: u32) -> Month {
    let mut m = Month::of(today);
    for _ in 0..n {
        m = m.prev();
    }
    m
}

/// Writes the demo roster, imported by `by` (the county's supervisor).
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    today: NaiveDate,
    by: domain::ids::UserId,
) -> anyhow::Result<()> {
    let hash = hex::encode(Sha256::digest(format!("demo roster {today}")));
    for (i, (village, category, name, id, members, yuan, start, end, stop)) in
        ROWS.into_iter().enumerate()
    {
        let line = u32::try_from(i + 2)?;
        let place = PlaceCode::parse(village)?;
        let record = RosterEntry {
            id: derived_id("record", &hash, line),
            place: place.clone(),
            category,
            head_name: name.to_owned(),
            head_id: id.to_owned(),
            members,
            monthly_fen: yuan * 100,
            start: back(today, start),
            end: end.map(|n| back(today, n)),
            stopped_from: stop.map(|n| back(today, n)),
            file_sha256: hash.clone(),
            line,
            imported_by: by,
        };
        let scope = RecordScope {
            place,
            owner: None,
            departments: Vec::new(),
            helpers: Vec::new(),
        };
        let body = serde_json::to_value(RegistryRecord::Roster(record.clone()))?;
        crate::sync::import_record(conn, RecordKind::Registry, record.id, &scope, &body, by.0)
            .await?;
    }
    Ok(())
}
