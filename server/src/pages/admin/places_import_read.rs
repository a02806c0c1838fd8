//! Reading a places file (CSV or XLSX, through [`crate::pages::import_table`]): the columns
//! found by their headings' words, in any order; the tree as it stands; and the rows'
//! verdicts.

use std::collections::HashMap;

use domain::jurisdiction::{FieldErrors, PlaceCode, PlaceEdit, VillageChange, VillageRow};

use crate::error::ApiError;
use crate::pages::import_table::{blank, read_table};
use crate::state::AppState;

/// The largest file, in bytes.
pub const MAX_FILE: usize = 512 * 1024;
/// The most rows in one file.
pub const MAX_ROWS: usize = 2000;
/// The sample's headings (any heading with the same words is read, in any order).
pub const HEADINGS: [&str; 4] = ["区划代码", "村（社区）名称", "英文名称", "实有人口"];

/// Which column a heading is, by its words: 0 code, 1 Chinese name, 2 English name,
/// 3 population.
fn column_of(heading: &str) -> Option<usize> {
    let h: String = heading
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if h.contains("代码") || h == "code" {
        Some(0)
    } else if h.contains("英文") || h.contains("拼音") || h == "name_en" {
        Some(2)
    } else if h.contains("名称") || h.contains("村") || h == "name_zh" || h == "name" {
        Some(1)
    } else if h.contains("人口") || h == "population" {
        Some(3)
    } else {
        None
    }
}

/// A file read: each row with its line, and the four columns' headings as written.
pub type Read = (Vec<(usize, VillageRow)>, [String; 4]);

/// The file's rows with their lines, and the headings as written; or why not.
pub fn read(bytes: &[u8]) -> Result<Read, String> {
    let mut table = read_table(bytes)?.into_iter();
    let heading = table.next().ok_or("文件是空的")?;
    let mut at = [None::<usize>; 4];
    for (i, h) in heading.iter().enumerate() {
        if let Some(c) = column_of(h) {
            at[c].get_or_insert(i);
        }
    }
    let missing: Vec<&str> = [0, 1, 3]
        .into_iter()
        .filter(|c| at[*c].is_none())
        .map(|c| HEADINGS[c])
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "第 1 行缺少列：{}（请使用样例文件的列标题）",
            missing.join("、")
        ));
    }
    let names = std::array::from_fn(|c| {
        at[c]
            .and_then(|i| heading.get(i).cloned())
            .unwrap_or_else(|| HEADINGS[c].to_owned())
    });
    let mut rows = Vec::new();
    for (i, cells) in table.enumerate() {
        if blank(&cells) {
            continue;
        }
        let get = |c: usize| {
            at[c]
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        rows.push((
            i + 2,
            VillageRow {
                code: get(0),
                name_zh: get(1),
                name_en: get(2),
                population: get(3),
            },
        ));
        if rows.len() > MAX_ROWS {
            return Err(format!("一次最多导入 {MAX_ROWS} 行，请拆分后分别导入"));
        }
    }
    if rows.is_empty() {
        return Err("文件中没有数据行".to_owned());
    }
    Ok((rows, names))
}

/// The places of the tree (county, townships, villages), as they stand.
pub async fn known(state: &AppState) -> Result<HashMap<PlaceCode, PlaceEdit>, ApiError> {
    let rows: Vec<(String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT code, name_zh, name_en, population FROM places \
         WHERE level IN ('county', 'township', 'village')",
    )
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(code, name_zh, name_en, population)| {
            Some((
                PlaceCode::parse(&code).ok()?,
                PlaceEdit {
                    name_zh,
                    name_en,
                    population,
                },
            ))
        })
        .collect())
}

/// One row's verdict.
pub struct Verdict {
    /// 1-based line of the file (the headings are line 1).
    pub line: usize,
    /// The row as written.
    pub row: VillageRow,
    /// What it does, or every wrong field.
    pub result: Result<VillageChange, FieldErrors>,
}

/// How many rows do what.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

impl Counts {
    /// Counts `verdicts`.
    pub fn of(verdicts: &[Verdict]) -> Counts {
        let mut c = Counts::default();
        for v in verdicts {
            match &v.result {
                Ok(VillageChange::Add(_)) => c.added += 1,
                Ok(VillageChange::Update { .. }) => c.updated += 1,
                Ok(VillageChange::Unchanged(_)) => c.unchanged += 1,
                Err(_) => c.rejected += 1,
            }
        }
        c
    }
}
