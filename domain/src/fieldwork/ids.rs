//! Ids of the field records, made on the phone (UUIDv7) like [`crate::ids`]: a grid worker
//! records offline, so ids never need the server.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ids::record_id;

record_id!(
    /// One entrustment (委托) of a helper by a resident.
    EntrustmentId
);
record_id!(
    /// One household visit (入户调查 / 走访).
    VisitId
);
record_id!(
    /// One hardship report (主动发现 / 急难报告).
    HardshipId
);
record_id!(
    /// One evaluation (评价) collected from a resident.
    EvaluationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = VisitId::parse("01890a5d-ac96-774b-bcce-b302099a8057").unwrap();
        assert_eq!(VisitId::parse(&id.to_string()).unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"01890a5d-ac96-774b-bcce-b302099a8057\"");
        assert!(EntrustmentId::parse("not-an-id").is_err());
    }
}
