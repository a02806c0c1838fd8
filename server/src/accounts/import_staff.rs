//! `onedoor import staff FILE.csv`: the staff roster, columns
//! `username,display_name,role,place_code,department_code,phone[,id_number,category]` — the
//! last two the roster's 身份证号码 and 人员类别 (migration 0040; headed so or in Chinese;
//! the category by code or by its Chinese name, as on the import page). Every row is checked
//! by `domain::staff::validate_staff`, as the admin's form checks it. Every account gets a
//! generated password, answered to the caller (written to a file, never to the log).

use chrono::Utc;
use domain::clocks::china_date;
use domain::staff::{StaffCategory, StaffInput, validate_staff};
use serde::Deserialize;

use super::ImportError;
use super::users::{NewUser, insert_user};
use crate::db::Db;

#[derive(Debug, Deserialize)]
struct Row {
    username: String,
    display_name: String,
    role: String,
    place_code: String,
    department_code: Option<String>,
    phone: Option<String>,
    #[serde(default, alias = "身份证号码")]
    id_number: Option<String>,
    #[serde(default, alias = "人员类别")]
    category: Option<String>,
}

/// A category by its code or its Chinese name (网格员, 社会工作者, …).
fn code_of_category(raw: &str) -> String {
    let raw = raw.trim();
    StaffCategory::ALL
        .into_iter()
        .find(|c| c.label_zh() == raw)
        .map_or_else(|| raw.to_owned(), |c| c.code().to_owned())
}

/// Inserts every account in one transaction, or none. Answers (username, password) pairs.
pub async fn import_staff(db: &Db, csv_text: &str) -> anyhow::Result<Vec<(String, String)>> {
    let csv_text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let today = china_date(Utc::now());
    let mut tx = db.begin_write().await?;
    let mut out = Vec::new();
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = record.map_err(|e| ImportError {
            line,
            message: format!("unreadable row: {e}"),
        })?;
        let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let input = StaffInput {
            name: row.display_name.clone(),
            role: row.role.trim().to_owned(),
            place: row.place_code.trim().to_owned(),
            department: row.department_code.clone().unwrap_or_default(),
            phone: row.phone.clone().unwrap_or_default(),
            id_number: row.id_number.clone().unwrap_or_default(),
            category: code_of_category(row.category.as_deref().unwrap_or_default()),
        };
        let record = validate_staff(&input, today).map_err(|errors| ImportError {
            line,
            message: errors
                .iter()
                .map(|e| format!("{} {}: {}", e.field.code(), e.code, e.message_en))
                .collect::<Vec<_>>()
                .join("; "),
        })?;
        let user = NewUser {
            username: Some(row.username.trim().to_owned()),
            display_name: row.display_name,
            role: row.role.trim().to_owned(),
            place: row.place_code.trim().to_owned(),
            department: blank(row.department_code),
            phone: blank(row.phone),
            password: None,
        };
        let (id, password) = insert_user(&mut tx, &user).await.map_err(|e| ImportError {
            line,
            message: e.to_string(),
        })?;
        // The roster's two columns, which `insert_user` (shared with residents) does not know.
        sqlx::query("UPDATE users SET id_number = $1, staff_category = $2 WHERE id = $3")
            .bind(record.id_number.as_ref().map(|n| n.expose().to_owned()))
            .bind(record.category.map(|c| c.code()))
            .bind(id.0.to_string())
            .execute(&mut *tx)
            .await?;
        out.push((row.username.trim().to_owned(), password.unwrap_or_default()));
    }
    tx.commit().await?;
    Ok(out)
}
