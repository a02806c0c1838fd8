//! The helper ledger's view of an entrustment record, so the ledger reads the same record
//! the helper keeps.

use super::entrustment::EntrustmentRecord;
use crate::jurisdiction::PlaceCode;
use crate::ledger::{Ended, Entrustment};
use crate::workflow::Case;

impl<'a> Entrustment<'a> {
    /// The ledger row's inputs for `record` with `case` (one it opened, or none yet), the
    /// household living in `place` and the helper called `helper_name`; 备注 says how the
    /// entrustment came in (replace it with `..` syntax for other notes). `None` if the case
    /// is not linked to the record.
    pub fn from_record(
        record: &'a EntrustmentRecord,
        case: Option<&'a Case>,
        place: &'a PlaceCode,
        helper_name: &'a str,
    ) -> Option<Entrustment<'a>> {
        case.is_none_or(|c| record.cases.contains(&c.id()))
            .then(|| Entrustment {
                case,
                received_at: record.received_at,
                items: &record.items,
                ended: record.termination.as_ref().map(|t| Ended {
                    at: t.at,
                    cause_zh: t.cause.name_zh(),
                    reason: &t.reason,
                }),
                place,
                entrusting_person: record.entrusting_name.expose(),
                helper: helper_name,
                notes: record.channel.name_zh(),
            })
    }
}
