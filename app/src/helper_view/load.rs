//! Reading the helper's records from the phone (nothing on the server, where pages never
//! load them).

use domain::sync::RecordKind;
use serde::de::DeserializeOwned;

use super::PhoneRecords;
use crate::phone;

/// Every record the helper's pages use, decoded.
pub async fn load() -> PhoneRecords {
    PhoneRecords {
        households: all(RecordKind::Household).await,
        cases: all(RecordKind::Case).await,
        entrustments: all(RecordKind::Entrustment).await,
        evaluations: all(RecordKind::Evaluation).await,
        hardship_reports: all(RecordKind::Hardship).await,
        visits: all(RecordKind::Visit).await,
        authorizations: all(RecordKind::Authorization).await,
        certifications: phone::records_of(RecordKind::Certification)
            .await
            .into_iter()
            .filter(|s| s.state != crate::records::RecordState::Attention)
            .map(|s| s.record)
            .collect(),
    }
}

async fn all<T: DeserializeOwned>(kind: RecordKind) -> Vec<T> {
    phone::records_of::<T>(kind)
        .await
        .into_iter()
        .map(|s| s.record)
        .collect()
}
