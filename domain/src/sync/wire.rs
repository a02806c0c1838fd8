//! What travels on `/api/sync/v1/push` and `/api/sync/v1/pull`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::patch::{FieldChange, FieldConflict};
use crate::ids::{AuthorizationId, CaseId, DeviceId, HouseholdId, MemberId, OpId, UserId};
use crate::workflow::{Channel, Command};

/// The most operations one push may carry; a phone with more sends several pushes.
pub const MAX_OPS_PER_PUSH: usize = 1000;
/// The largest page a pull returns.
pub const MAX_PULL_LIMIT: u32 = 2000;

/// The kinds of record that sync carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A household with its members, income and property.
    Household,
    /// An application and its workflow (changed only through workflow commands).
    Case,
    /// A helper's entrustment by a resident (`fieldwork::EntrustmentRecord`).
    Entrustment,
    /// A household visit (`fieldwork::Visit`).
    Visit,
    /// A hardship report (`fieldwork::HardshipReport`).
    Hardship,
    /// A resident's evaluation of a case (`fieldwork::Evaluation`).
    Evaluation,
    /// An application's materials checklist (`fieldwork::MaterialsRecord`), under the
    /// case's id.
    Materials,
    /// A household's verification authorization (`authorization::AuthorizationRecord`),
    /// countersigned by the server when it arrives.
    Authorization,
    /// A household's yearly certification of eligibility
    /// (`certification::CertificationRecord`), by the recipient, a member for them, or the
    /// village's helper.
    Certification,
    /// A recipient registry record (`registry::RegistryRecord`): an imported roster row or a
    /// periodic review done, kept by the township's window and the county. Saved whole like a
    /// field record (`SaveFieldRecord`) from the server's own pages, and never pulled by phones.
    Registry,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 10] = [
        RecordKind::Household,
        RecordKind::Case,
        RecordKind::Entrustment,
        RecordKind::Visit,
        RecordKind::Hardship,
        RecordKind::Evaluation,
        RecordKind::Materials,
        RecordKind::Authorization,
        RecordKind::Certification,
        RecordKind::Registry,
    ];

    /// The stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Household => "household",
            RecordKind::Case => "case",
            RecordKind::Entrustment => "entrustment",
            RecordKind::Visit => "visit",
            RecordKind::Hardship => "hardship",
            RecordKind::Evaluation => "evaluation",
            RecordKind::Materials => "materials",
            RecordKind::Authorization => "authorization",
            RecordKind::Certification => "certification",
            RecordKind::Registry => "registry",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether records of this kind are a grid worker's field records, saved whole with
    /// [`OpBody::SaveFieldRecord`].
    pub fn is_field_record(self) -> bool {
        matches!(
            self,
            RecordKind::Entrustment
                | RecordKind::Visit
                | RecordKind::Hardship
                | RecordKind::Evaluation
                | RecordKind::Materials
                | RecordKind::Authorization
                | RecordKind::Certification
        )
    }
}

/// One push: operations from one device, in the order they were made. Unknown fields are
/// refused here and in [`Operation`] and [`OpBody`] (issue 22, point 10); the record bodies
/// inside are checked by `limits::canonical`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The phone (one per installed app).
    pub device: DeviceId,
    /// At most [`MAX_OPS_PER_PUSH`].
    pub ops: Vec<Operation>,
}

/// One change a user made offline, with the id the phone gave it (UUIDv7), so that sending it
/// again is recognised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Client-made, unique for ever.
    pub id: OpId,
    /// When the user made it (phone time; the server records its own time too).
    pub made_at: DateTime<Utc>,
    /// What to do.
    pub body: OpBody,
}

/// What an operation does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum OpBody {
    /// Record a new household.
    CreateHousehold {
        /// Its id (made by the phone).
        id: HouseholdId,
        /// The household as JSON (`household::Household`).
        body: serde_json::Value,
    },
    /// Change some fields of a household: each change names the value it replaces, so an edit
    /// of a field somebody else changed meanwhile is a conflict, not an overwrite.
    EditHousehold {
        /// Which household.
        id: HouseholdId,
        /// The version the phone edited.
        base_version: i64,
        /// The changed fields.
        changes: Vec<FieldChange>,
    },
    /// Open a draft case for a household.
    CreateCase {
        /// Its id (made by the phone).
        id: CaseId,
        /// The applicant's household.
        household: HouseholdId,
        /// How it came in.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        channel: Channel,
        /// The resident's account, if any.
        applicant: Option<UserId>,
        /// Who referred a `referral` case (another township's window or office); absent
        /// for every other channel.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        referred_by: Option<String>,
    },
    /// A workflow command on a case, decided by the server with the same rules as the phone.
    CaseCommand {
        /// Which case.
        id: CaseId,
        /// The version the phone saw when the user acted.
        base_version: i64,
        /// The command (`workflow::Command`, tagged by `command`).
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        command: Command,
        /// The written reason, when the command takes one.
        reason: Option<String>,
    },
    /// Save a grid worker's field record whole: an entrustment, visit, hardship report,
    /// evaluation or materials checklist (see [`RecordKind::is_field_record`]). The server checks it with the same
    /// `fieldwork` rules as the phone; what may change on a replacement depends on the kind
    /// (an entrustment only by its termination, for instance).
    SaveFieldRecord {
        /// Which kind of field record.
        kind: RecordKind,
        /// Its id (made by the phone); the same as the body's `id`.
        id: Uuid,
        /// `None` to create the record; otherwise the version the phone edited, which the
        /// new body replaces (a stale one is a conflict).
        base_version: Option<i64>,
        /// The whole record as JSON (`fieldwork::EntrustmentRecord`, `Visit`,
        /// `HardshipReport`, `Evaluation` or `MaterialsRecord`).
        body: serde_json::Value,
    },
    /// Withdraw a household's verification authorization (撤回授权), for a member of it: at
    /// the window, or by the resident (the member or their guardian). Checks stop; every case
    /// using it shows the revocation.
    RevokeAuthorization {
        /// Which authorization.
        id: AuthorizationId,
        /// The member whose consent is withdrawn.
        member: MemberId,
        /// The reason given, if any.
        reason: Option<String>,
    },
}

/// The answer to a push: one result per operation, in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One per operation.
    pub results: Vec<OpResult>,
}

/// What became of one operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpResult {
    /// The operation's id.
    pub id: OpId,
    /// Its outcome.
    pub outcome: Outcome,
    /// For a refused authorization package, each problem with its `code` and the `member` it
    /// concerns, so that the phone shows it at the member's line; empty otherwise (and then
    /// left out, so the answer reads as before: an old phone shows `message_zh`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub problems: Vec<crate::authorization::AuthorizationError>,
}

/// Applied (stored for ever: a repeat answers the same), a conflict with what is on the server
/// now, or refused with a reason. Conflicts and refusals change nothing and are not stored, so
/// sending the same operation again after the cause is gone (e.g. a household that had not
/// arrived yet) is decided anew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Done; the record is now at `version`.
    Applied {
        /// The record's kind.
        kind: RecordKind,
        /// The record.
        record: Uuid,
        /// Its version after this operation.
        version: i64,
    },
    /// Somebody changed the same thing first; nothing was changed.
    Conflict {
        /// The record's kind.
        kind: RecordKind,
        /// The record.
        record: Uuid,
        /// The server's version now.
        current_version: i64,
        /// The fields in conflict (empty for workflow conflicts).
        fields: Vec<FieldConflict>,
        /// What happened, in Chinese, for the user.
        message_zh: String,
    },
    /// Refused; nothing was changed.
    Rejected {
        /// Why, for programs.
        code: RejectCode,
        /// Why, in Chinese, for the user.
        message_zh: String,
    },
}

/// Why an operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// The record does not exist or is outside the user's jurisdiction (not told apart).
    NotFound,
    /// The user may not do this to this record.
    Forbidden,
    /// The content breaks a rule (invalid household, workflow precondition, …).
    Invalid,
    /// The operation id was already used for a different operation or by another account.
    IdReused,
}

/// `GET /api/sync/v1/pull?cursor=&limit=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullQuery {
    /// The `cursor` of the last page received; 0 for everything.
    #[serde(default)]
    pub cursor: i64,
    /// Page size, at most [`MAX_PULL_LIMIT`].
    pub limit: Option<u32>,
}

/// One page of changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// Changes in server order.
    pub changes: Vec<Change>,
    /// Where the next page starts; store it once this page is stored.
    pub cursor: i64,
    /// Whether another page is waiting.
    pub more: bool,
}

/// One record the phone should now hold, or drop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Store this version of the record (replacing an older one).
    Upsert {
        /// Its kind.
        kind: RecordKind,
        /// The record.
        id: Uuid,
        /// Its version.
        version: i64,
        /// The record as JSON.
        body: serde_json::Value,
    },
    /// The record left the user's jurisdiction (or was deleted): drop it.
    Remove {
        /// Its kind.
        kind: RecordKind,
        /// The record.
        id: Uuid,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip_and_match_serde() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::from_code(kind.code()), Some(kind));
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::json!(kind.code()));
        }
        assert_eq!(RecordKind::from_code("photo"), None);
        let field: Vec<_> = RecordKind::ALL
            .into_iter()
            .filter(|k| k.is_field_record())
            .collect();
        assert_eq!(field.len(), 7);
        assert_eq!(
            RecordKind::from_code("materials"),
            Some(RecordKind::Materials)
        );
    }

    #[test]
    fn a_field_record_save_travels_tagged_and_names_its_record() {
        let id = Uuid::from_u128(7);
        let json = serde_json::json!({
            "op": "save_field_record",
            "kind": "visit",
            "id": id,
            "base_version": null,
            "body": { "id": id },
        });
        let body: OpBody = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(body.record(), (RecordKind::Visit, id));
        assert_eq!(serde_json::to_value(&body).unwrap(), json);
        // A replacement names the version it replaces.
        let replace = OpBody::SaveFieldRecord {
            kind: RecordKind::Entrustment,
            id,
            base_version: Some(3),
            body: serde_json::json!({}),
        };
        assert_eq!(serde_json::to_value(&replace).unwrap()["base_version"], 3);
    }

    #[test]
    fn unknown_fields_are_refused_at_every_level_of_a_push() {
        let id = Uuid::from_u128(7);
        let op = serde_json::json!({
            "id": id, "made_at": "2026-11-22T08:00:00Z",
            "body": { "op": "save_field_record", "kind": "visit", "id": id,
                      "base_version": null, "body": {} },
        });
        let push = serde_json::json!({ "device": id, "ops": [op] });
        assert!(serde_json::from_value::<PushRequest>(push.clone()).is_ok());
        for pointer in ["", "/ops/0", "/ops/0/body"] {
            let mut bad = push.clone();
            bad.pointer_mut(pointer).unwrap()["padding"] = serde_json::json!("x");
            let err = serde_json::from_value::<PushRequest>(bad).unwrap_err();
            assert!(err.to_string().contains("padding"), "{pointer}: {err}");
        }
    }
}
