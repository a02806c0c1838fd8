//! Certifying eligibility (待遇资格认证, issue 20 point 8): what the server reads for
//! `domain::certification`'s rules — a household's grants from its cases' decisions and the
//! certifications recorded —, shared by the push's check, the resident's page, the county's
//! list and the reminders (`reminders`).

pub mod reminders;

use chrono::NaiveDate;
use domain::certification::{CertificationRecord, Grant};
pub use domain::certification_due::grants_of;
use domain::clocks::china_date;
use domain::sync::{CaseRecord, RecordKind};
use sqlx::AnyConnection;

/// The grants of one household, from every case of it.
pub async fn household_grants(
    conn: &mut AnyConnection,
    household: &str,
) -> Result<Vec<Grant>, sqlx::Error> {
    // The LIKE narrows the scan; the decoded case decides.
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND body LIKE $2")
            .bind(RecordKind::Case.code())
            .bind(format!("%{household}%"))
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .iter()
        .filter_map(|(b,)| serde_json::from_str::<CaseRecord>(b).ok())
        .filter(|c| c.household.0.to_string() == household)
        .flat_map(|c| grants_of(&c))
        .collect())
}

/// The certifications recorded for one household, any year.
pub async fn household_certifications(
    conn: &mut AnyConnection,
    household: &str,
) -> Result<Vec<CertificationRecord>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND body LIKE $2")
            .bind(RecordKind::Certification.code())
            .bind(format!("%{household}%"))
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .iter()
        .filter_map(|(b,)| serde_json::from_str::<CertificationRecord>(b).ok())
        .filter(|c| c.household.0.to_string() == household)
        .collect())
}

/// The China days a household certified on.
pub fn days(certifications: &[CertificationRecord]) -> Vec<NaiveDate> {
    certifications
        .iter()
        .map(|c| china_date(c.certified_at))
        .collect()
}
