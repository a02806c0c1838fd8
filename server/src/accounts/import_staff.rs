//! `onedoor import staff FILE.csv`: the staff roster, columns
//! `username,display_name,role,place_code,department_code,phone`. Every account gets a
//! generated password, answered to the caller (written to a file, never to the log).

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
}

/// Inserts every account in one transaction, or none. Answers (username, password) pairs.
pub async fn import_staff(db: &Db, csv_text: &str) -> anyhow::Result<Vec<(String, String)>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut tx = db.begin_write().await?;
    let mut out = Vec::new();
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = record.map_err(|e| ImportError {
            line,
            message: format!("unreadable row: {e}"),
        })?;
        let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let user = NewUser {
            username: Some(row.username.trim().to_owned()),
            display_name: row.display_name,
            role: row.role.trim().to_owned(),
            place: row.place_code.trim().to_owned(),
            department: blank(row.department_code),
            phone: blank(row.phone),
            password: None,
        };
        let (_, password) = insert_user(&mut tx, &user).await.map_err(|e| ImportError {
            line,
            message: e.to_string(),
        })?;
        out.push((row.username.trim().to_owned(), password.unwrap_or_default()));
    }
    tx.commit().await?;
    Ok(out)
}
