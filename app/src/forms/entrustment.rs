//! The entrustment form (委托) and its termination (终止帮办代办): what the helper fills in
//! with the resident, and the records they make.

use chrono::{DateTime, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::fieldwork::{
    AttachmentRef, EntrustmentChannel, EntrustmentId, EntrustmentRecord, ReturnedMaterial,
    Termination, TerminationCause,
};
use domain::household::Household;
use domain::ids::{CaseId, MemberId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::FormError;

/// The channel codes, in form order (`EntrustmentChannel` serde names).
pub const CHANNELS: [(&str, EntrustmentChannel); 4] = [
    ("in_person", EntrustmentChannel::InPerson),
    ("visit", EntrustmentChannel::Visit),
    ("phone", EntrustmentChannel::Phone),
    ("online", EntrustmentChannel::Online),
];

/// The channel of a code (unknown codes read as in person, the form's default).
pub fn channel(code: &str) -> EntrustmentChannel {
    CHANNELS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(EntrustmentChannel::InPerson, |(_, ch)| *ch)
}

/// The code of a channel.
pub fn channel_code(ch: EntrustmentChannel) -> &'static str {
    CHANNELS
        .iter()
        .find(|(_, c)| *c == ch)
        .map_or("in_person", |(code, _)| code)
}

/// The entrustment as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EntrustmentDraft {
    /// Made when the form opens.
    pub id: String,
    /// The entrusting member's id.
    pub member: String,
    /// Entrusted item codes.
    pub items: Vec<String>,
    /// The main item's code, if one is marked.
    pub main_item: String,
    /// A [`CHANNELS`] code.
    pub channel: String,
    /// The resident's signature (SHA-256 of the image), once signed.
    pub signature: Option<String>,
}

impl EntrustmentDraft {
    /// The entrustment of `household` by its member `member`, checked with the domain's
    /// rules (every problem at its field). `cases` are the cases opened under it.
    pub fn to_record(
        &self,
        household: &Household,
        helper: UserId,
        cases: Vec<CaseId>,
        received_at: DateTime<Utc>,
        catalogue: &Catalogue,
        now: DateTime<Utc>,
    ) -> Result<EntrustmentRecord, Vec<FormError>> {
        let mut errors = Vec::new();
        let member = Uuid::parse_str(&self.member)
            .ok()
            .and_then(|id| household.members.iter().find(|m| m.id == MemberId(id)));
        let signature = match self.signature.as_deref().map(AttachmentRef::parse) {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                errors.push(FormError::at("signature", e.message_zh()));
                None
            }
            None => None,
        };
        let (Some(member), Ok(id)) = (member, Uuid::parse_str(&self.id)) else {
            errors.push(FormError::at("member", "请选择委托人".to_owned()));
            return Err(errors);
        };
        let record = EntrustmentRecord {
            id: EntrustmentId(id),
            household: household.id,
            entrusting_member: member.id,
            entrusting_name: member.name.clone(),
            helper,
            items: self.items.iter().map(|c| AidItemCode(c.clone())).collect(),
            main_item: (!self.main_item.is_empty()).then(|| AidItemCode(self.main_item.clone())),
            channel: channel(&self.channel),
            received_at,
            signature,
            cases,
            termination: None,
        };
        if let Err(found) = record.validate(catalogue, now) {
            errors.extend(
                found
                    .iter()
                    .map(|e| FormError::at(&e.path(), e.message_zh())),
            );
        }
        if errors.is_empty() {
            Ok(record)
        } else {
            Err(errors)
        }
    }

    /// The form showing a stored entrustment.
    pub fn from_record(r: &EntrustmentRecord) -> Self {
        EntrustmentDraft {
            id: r.id.0.to_string(),
            member: r.entrusting_member.to_string(),
            items: r.items.iter().map(|i| i.0.clone()).collect(),
            main_item: r
                .main_item
                .as_ref()
                .map(|i| i.0.clone())
                .unwrap_or_default(),
            channel: channel_code(r.channel).to_owned(),
            signature: r.signature.as_ref().map(|s| s.as_str().to_owned()),
        }
    }
}

/// One returned material as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReturnedDraft {
    /// What, e.g. 户口簿.
    pub name: String,
    /// How many, as typed.
    pub count: String,
}

/// The termination as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationDraft {
    /// `resident_request` or `matter_ended`.
    pub cause: String,
    /// Why.
    pub reason: String,
    /// What is handed back.
    pub returned: Vec<ReturnedDraft>,
    /// The resident's signature acknowledging it.
    pub signature: Option<String>,
}

impl Default for TerminationDraft {
    fn default() -> Self {
        TerminationDraft {
            cause: "resident_request".to_owned(),
            reason: String::new(),
            returned: vec![ReturnedDraft {
                name: String::new(),
                count: "1".to_owned(),
            }],
            signature: None,
        }
    }
}

impl TerminationDraft {
    /// `record` terminated as typed, checked with the domain's rules at `now`.
    pub fn terminate(
        &self,
        record: &EntrustmentRecord,
        now: DateTime<Utc>,
    ) -> Result<EntrustmentRecord, Vec<FormError>> {
        let mut errors = Vec::new();
        let mut materials = Vec::new();
        for (index, r) in self.returned.iter().enumerate() {
            match r.count.trim().parse::<i64>() {
                Ok(count) => materials.push(ReturnedMaterial {
                    name: r.name.trim().to_owned(),
                    count,
                }),
                Err(_) => errors.push(FormError::at(
                    &format!("termination.materials_returned[{index}].count"),
                    "份数应为整数".to_owned(),
                )),
            }
        }
        let signature = self.signature.as_deref().map(AttachmentRef::parse);
        let signature = match signature {
            Some(Ok(s)) => s,
            _ => {
                errors.push(FormError::at(
                    "termination.signature",
                    "请委托人签名确认终止和材料移交".to_owned(),
                ));
                return Err(errors);
            }
        };
        let termination = Termination {
            at: now,
            cause: if self.cause == "matter_ended" {
                TerminationCause::MatterEnded
            } else {
                TerminationCause::ResidentRequest
            },
            reason: self.reason.trim().to_owned(),
            materials_returned: materials,
            signature,
        };
        let mut ended = record.clone();
        if let Err(found) = ended.terminate(termination, now) {
            errors.extend(
                found
                    .iter()
                    .map(|e| FormError::at(&e.path(), e.message_zh())),
            );
        }
        if errors.is_empty() {
            Ok(ended)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::intake::members::{HouseholdDraft, MemberDraft};

    const SIGNATURE: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_796_200_000, 0).unwrap()
    }

    fn household() -> Household {
        let mut m = MemberDraft::new(Uuid::from_u128(1), true);
        m.name = "王秀英".to_owned();
        m.id_number = "500231195803124020".to_owned();
        HouseholdDraft {
            id: Uuid::from_u128(9).to_string(),
            place: "500231101201-G01".to_owned(),
            address: "沙坪镇毛家村3组12号".to_owned(),
            members: vec![m],
            ..HouseholdDraft::default()
        }
        .to_household(now().date_naive())
        .unwrap()
    }

    fn draft() -> EntrustmentDraft {
        EntrustmentDraft {
            id: Uuid::from_u128(5).to_string(),
            member: Uuid::from_u128(1).to_string(),
            items: vec!["dibao".to_owned(), "temporary".to_owned()],
            main_item: "dibao".to_owned(),
            channel: "in_person".to_owned(),
            signature: Some(SIGNATURE.to_owned()),
        }
    }

    fn record(d: &EntrustmentDraft) -> Result<EntrustmentRecord, Vec<FormError>> {
        let catalogue = Catalogue::builtin();
        d.to_record(
            &household(),
            UserId(Uuid::from_u128(3)),
            vec![],
            now(),
            &catalogue,
            now(),
        )
    }

    #[test]
    fn a_signed_entrustment_in_person_is_valid_and_reads_back() {
        let r = record(&draft()).unwrap();
        assert_eq!(r.entrusting_name.expose(), "王秀英");
        assert!(r.ready_to_submit().is_ok());
        assert_eq!(EntrustmentDraft::from_record(&r), draft());
    }

    #[test]
    fn in_person_needs_the_signature_by_phone_it_comes_later() {
        let mut d = draft();
        d.signature = None;
        let errors = record(&d).unwrap_err();
        assert_eq!(errors[0].path, "signature");
        d.channel = "phone".to_owned();
        assert!(record(&d).unwrap().needs_signature());
    }

    #[test]
    fn no_items_and_no_member_are_each_named() {
        let mut d = draft();
        d.items.clear();
        d.main_item.clear();
        assert_eq!(record(&d).unwrap_err()[0].path, "items");
        d.member = String::new();
        assert_eq!(record(&d).unwrap_err()[0].path, "member");
    }

    #[test]
    fn termination_needs_reason_materials_and_signature() {
        let r = record(&draft()).unwrap();
        let empty = TerminationDraft::default();
        let errors = empty.terminate(&r, now()).unwrap_err();
        assert_eq!(errors[0].path, "termination.signature");
        let t = TerminationDraft {
            reason: "已自行到窗口办理".to_owned(),
            returned: vec![ReturnedDraft {
                name: "户口簿".to_owned(),
                count: "1".to_owned(),
            }],
            signature: Some(SIGNATURE.to_owned()),
            ..TerminationDraft::default()
        };
        let ended = t.terminate(&r, now()).unwrap();
        assert!(!ended.is_active());
        let mut bad = t.clone();
        bad.returned[0].count = "一".to_owned();
        bad.reason = String::new();
        let paths: Vec<String> = bad
            .terminate(&r, now())
            .unwrap_err()
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert!(paths.contains(&"termination.materials_returned[0].count".to_owned()));
    }
}
