//! `onedoor import places FILE.csv`: the jurisdiction tree, columns
//! `code,parent_code,level,name_zh,name_en,population`.

use std::collections::HashSet;

use domain::jurisdiction::PlaceCode;
use serde::Deserialize;

use super::ImportError;
use crate::audit::{self, AuditEntry};
use crate::db::Db;

#[derive(Debug, Deserialize)]
struct Row {
    code: String,
    parent_code: Option<String>,
    level: String,
    name_zh: String,
    name_en: String,
    population: Option<i64>,
}

/// Checks every row (codes, levels, parents present in the file or the database, no
/// duplicates) and then inserts them all in one transaction. Answers how many.
pub async fn import_places(db: &Db, csv_text: &str) -> anyhow::Result<usize> {
    let existing: Vec<(String,)> = sqlx::query_as("SELECT code FROM places")
        .fetch_all(db.pool())
        .await?;
    let mut known: HashSet<String> = existing.into_iter().map(|r| r.0).collect();
    let mut rows = Vec::new();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let fail = |message: String| ImportError { line, message };
        let row = record.map_err(|e| fail(format!("unreadable row: {e}")))?;
        let code = PlaceCode::parse(row.code.trim())
            .map_err(|e| fail(format!("place code `{}`: {e}", row.code)))?;
        let level = format!("{:?}", code.level()).to_lowercase();
        if row.level.trim() != level {
            return Err(fail(format!(
                "code {} is a {level}, not a {}",
                row.code, row.level
            ))
            .into());
        }
        let parent = code.parent().map(|p| p.as_str().to_owned());
        let given = row
            .parent_code
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        if given != parent {
            return Err(fail(format!(
                "the parent of {} is {}",
                row.code,
                parent.as_deref().unwrap_or("none")
            ))
            .into());
        }
        if let Some(p) = &parent
            && !known.contains(p)
        {
            return Err(fail(format!(
                "parent {p} is neither in the database nor above this line"
            ))
            .into());
        }
        if row.name_zh.trim().is_empty() {
            return Err(fail("name_zh is empty".to_owned()).into());
        }
        if !known.insert(code.as_str().to_owned()) {
            return Err(fail(format!("{} is already there", row.code)).into());
        }
        rows.push((code, parent, level, row));
    }
    let mut tx = db.begin_write().await?;
    for (code, parent, level, row) in &rows {
        sqlx::query("INSERT INTO places (code, parent_code, level, name_zh, name_en, population) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(code.as_str())
            .bind(parent.as_deref())
            .bind(level.as_str())
            .bind(row.name_zh.trim())
            .bind(row.name_en.trim())
            .bind(row.population)
            .execute(&mut *tx)
            .await?;
    }
    let entry = AuditEntry::by_operator("accounts.import_places")
        .with_detail(serde_json::json!({ "places": rows.len() }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(rows.len())
}
