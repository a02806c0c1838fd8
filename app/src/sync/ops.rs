//! The operations the phone queues (`domain::sync::OpBody` as the phone writes it). A page
//! names one through [`crate::phone::Changes`], whose one generic enqueue hands it to the
//! queue: adding an operation is a variant here and a method there. Compiled everywhere (the
//! server renders the pages that name them), sent only from the browser.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// `domain::sync::OpBody`, as the phone writes it. Record bodies are already plain JS
/// objects; ids are text.
#[derive(Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum OpOut<'a> {
    /// `OpBody::CreateHousehold`.
    CreateHousehold {
        /// The household's id.
        id: &'a str,
        /// The household.
        #[cfg_attr(feature = "hydrate", serde(with = "serde_wasm_bindgen::preserve"))]
        #[cfg_attr(not(feature = "hydrate"), serde(skip))]
        body: JsValue,
    },
    /// `OpBody::EditHousehold`.
    EditHousehold {
        /// The household's id.
        id: &'a str,
        /// The version the phone saw (0 before the server has one).
        base_version: i64,
        /// The changed fields.
        changes: &'a [domain::sync::FieldChange],
    },
    /// `OpBody::CreateCase`.
    CreateCase {
        /// The case's id.
        id: &'a str,
        /// Its household.
        household: &'a str,
        /// How it came in.
        channel: domain::workflow::Channel,
        /// The resident's account, if any.
        applicant: Option<&'a str>,
        /// Who referred a referral case.
        #[serde(skip_serializing_if = "Option::is_none")]
        referred_by: Option<&'a str>,
    },
    /// `OpBody::CaseCommand`.
    CaseCommand {
        /// The case.
        id: &'a str,
        /// The version the phone saw.
        base_version: i64,
        /// The command.
        command: &'a domain::workflow::Command,
        /// Its written reason.
        reason: Option<&'a str>,
    },
    /// `OpBody::SaveFieldRecord`.
    SaveFieldRecord {
        /// `RecordKind` code.
        kind: &'a str,
        /// The record's id.
        id: &'a str,
        /// The version edited; `None` creates.
        base_version: Option<i64>,
        /// The whole record.
        #[cfg_attr(feature = "hydrate", serde(with = "serde_wasm_bindgen::preserve"))]
        #[cfg_attr(not(feature = "hydrate"), serde(skip))]
        body: JsValue,
    },
}

#[cfg(any(test, feature = "hydrate"))]
impl OpOut<'_> {
    /// Whether a newer one replaces this operation while it waits: a whole-record save (the
    /// server only needs the latest whole record); household and case operations all go, in
    /// the order made.
    pub fn replaces_waiting(&self) -> bool {
        matches!(self, OpOut::SaveFieldRecord { .. })
    }
}

#[cfg(test)]
mod tests {
    use domain::sync::{FieldChange, OpBody};
    use domain::workflow::{Channel, Command};

    use super::*;

    const HOUSEHOLD: &str = "0190d6a0-0000-7000-8000-000000000001";
    const CASE: &str = "0190d6a0-0000-7000-8000-000000000002";
    const USER: &str = "0190d6a0-0000-7000-8000-000000000003";

    /// What the phone writes, read as the server reads it.
    fn as_server_reads(op: &OpOut<'_>) -> OpBody {
        let json = serde_json::to_value(op).expect("an operation serialises");
        serde_json::from_value(json).expect("the server reads what the phone writes")
    }

    #[test]
    fn only_a_whole_record_save_replaces_the_one_waiting() {
        let save = OpOut::SaveFieldRecord {
            kind: "visit",
            id: CASE,
            base_version: None,
            body: JsValue::UNDEFINED,
        };
        assert!(save.replaces_waiting());
        let ordered = [
            OpOut::CreateHousehold {
                id: HOUSEHOLD,
                body: JsValue::UNDEFINED,
            },
            OpOut::EditHousehold {
                id: HOUSEHOLD,
                base_version: 3,
                changes: &[],
            },
            OpOut::CreateCase {
                id: CASE,
                household: HOUSEHOLD,
                channel: Channel::Entrusted,
                applicant: None,
                referred_by: None,
            },
            OpOut::CaseCommand {
                id: CASE,
                base_version: 1,
                command: &Command::Submit,
                reason: None,
            },
        ];
        assert!(ordered.iter().all(|op| !op.replaces_waiting()));
    }

    #[test]
    fn household_and_case_operations_are_what_the_server_reads() {
        let changes: Vec<FieldChange> = serde_json::from_value(serde_json::json!([
            {"path": ["address"], "old": "沙坪镇毛家村3组12号", "new": "沙坪镇毛家村3组14号"}
        ]))
        .expect("a field change");
        let edit = OpOut::EditHousehold {
            id: HOUSEHOLD,
            base_version: 4,
            changes: &changes,
        };
        match as_server_reads(&edit) {
            OpBody::EditHousehold {
                id,
                base_version,
                changes: read,
            } => {
                assert_eq!(id.to_string(), HOUSEHOLD);
                assert_eq!(base_version, 4);
                assert_eq!(read, changes);
            }
            other => panic!("read as {other:?}"),
        }
        let create = OpOut::CreateCase {
            id: CASE,
            household: HOUSEHOLD,
            channel: Channel::Entrusted,
            applicant: Some(USER),
            referred_by: None,
        };
        match as_server_reads(&create) {
            OpBody::CreateCase {
                id,
                household,
                channel,
                applicant,
                referred_by,
            } => {
                assert_eq!(id.to_string(), CASE);
                assert_eq!(household.to_string(), HOUSEHOLD);
                assert_eq!(channel, Channel::Entrusted);
                assert_eq!(applicant.map(|a| a.to_string()).as_deref(), Some(USER));
                assert_eq!(referred_by, None);
            }
            other => panic!("read as {other:?}"),
        }
        let referred = OpOut::CreateCase {
            id: CASE,
            household: HOUSEHOLD,
            channel: Channel::Referral,
            applicant: None,
            referred_by: Some("石桥镇社会救助窗口"),
        };
        match as_server_reads(&referred) {
            OpBody::CreateCase {
                channel,
                referred_by,
                ..
            } => {
                assert_eq!(channel, Channel::Referral);
                assert_eq!(referred_by.as_deref(), Some("石桥镇社会救助窗口"));
            }
            other => panic!("read as {other:?}"),
        }
        let command = OpOut::CaseCommand {
            id: CASE,
            base_version: 2,
            command: &Command::Submit,
            reason: Some("材料已齐"),
        };
        match as_server_reads(&command) {
            OpBody::CaseCommand {
                id,
                base_version,
                command,
                reason,
            } => {
                assert_eq!(id.to_string(), CASE);
                assert_eq!(base_version, 2);
                assert_eq!(command, Command::Submit);
                assert_eq!(reason.as_deref(), Some("材料已齐"));
            }
            other => panic!("read as {other:?}"),
        }
    }
}
