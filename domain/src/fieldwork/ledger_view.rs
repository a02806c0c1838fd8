//! The helper ledger's view of an entrustment record, so the ledger reads the same record
//! the helper keeps.

use super::entrustment::EntrustmentRecord;
use crate::jurisdiction::PlaceCode;
use crate::ledger::Entrustment;
use crate::workflow::Case;

impl<'a> Entrustment<'a> {
    /// The ledger row's inputs for `case` under `record`, the household living in `place` and
    /// the helper called `helper_name`; 备注 says how the entrustment came in (replace it with
    /// `..` syntax for other notes). `None` if the case is not linked to the record.
    pub fn from_record(
        record: &'a EntrustmentRecord,
        case: &'a Case,
        place: &'a PlaceCode,
        helper_name: &'a str,
    ) -> Option<Entrustment<'a>> {
        record.cases.contains(&case.id()).then(|| Entrustment {
            case,
            place,
            entrusting_person: record.entrusting_name.expose(),
            helper: helper_name,
            notes: record.channel.name_zh(),
        })
    }
}
