//! A guardian from outside the household (issue 20 point 4): someone who is not a member —
//! a son living in the city for a mother with dementia — signs a member's consent online, after
//! a one-time code to their own phone. What the resident types is checked here, once for the
//! page and the plan ([`super::consents`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::household::{Household, Member};
use crate::identity::{
    IdNumber, IdNumberError, MobilePhone, MobilePhoneError, PersonName, PersonNameError,
};
use crate::ids::MemberId;

/// What a guardian from outside the household may be to the member, as the resident picks it.
pub const OUTSIDER_RELATIONS: [&str; 7] = [
    "父亲",
    "母亲",
    "子女",
    "配偶",
    "兄弟姐妹",
    "其他亲属",
    "其他监护人",
];

/// A guardian from outside the household: who they are, the phone their one-time code goes
/// to, and what they are to the member. Made by [`Outsider::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outsider {
    /// Full name.
    pub name: PersonName,
    /// Resident ID number.
    pub id_number: IdNumber,
    /// Their own mobile phone.
    pub phone: MobilePhone,
    /// What they are to the member, one of [`OUTSIDER_RELATIONS`].
    pub relation: String,
}

/// A field of an outside guardian as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsiderField {
    /// The name.
    Name,
    /// The ID number.
    IdNumber,
    /// The phone.
    Phone,
    /// The relation.
    Relation,
}

/// Why an outside guardian as typed cannot sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutsiderError {
    /// No name, or one that is no name.
    Name(PersonNameError),
    /// An ID number that is not one.
    IdNumber(IdNumberError),
    /// Under 18 on the day.
    Minor,
    /// The member they would sign for.
    TheMember,
    /// A member of the household: chosen among them instead.
    InHousehold,
    /// No phone, or one that is no mobile number.
    Phone(MobilePhoneError),
    /// Not one of [`OUTSIDER_RELATIONS`].
    Relation,
}

impl Outsider {
    /// An outside guardian for `member` of `household` from what the resident typed, checked
    /// on `today`: a real name, a valid ID number of an adult who is neither the member nor
    /// anybody of the household, a mobile phone and a relation of the list; every field's
    /// problem at once.
    pub fn parse(
        (name, id_number, phone, relation): (&str, &str, &str, &str),
        household: &Household,
        member: MemberId,
        today: NaiveDate,
    ) -> Result<Outsider, Vec<(OutsiderField, OutsiderError)>> {
        let mut errors = Vec::new();
        let name = PersonName::parse(name)
            .map_err(|e| errors.push((OutsiderField::Name, OutsiderError::Name(e))))
            .ok();
        let id_number = match IdNumber::parse(id_number, today) {
            Err(e) => {
                errors.push((OutsiderField::IdNumber, OutsiderError::IdNumber(e)));
                None
            }
            Ok(id) => {
                let same = |m: &Member| m.id_number == id;
                let problem = if household.members.iter().any(|m| m.id == member && same(m)) {
                    Some(OutsiderError::TheMember)
                } else if household.members.iter().any(same) {
                    Some(OutsiderError::InHousehold)
                } else if !id.is_adult(today) {
                    Some(OutsiderError::Minor)
                } else {
                    None
                };
                match problem {
                    Some(e) => {
                        errors.push((OutsiderField::IdNumber, e));
                        None
                    }
                    None => Some(id),
                }
            }
        };
        let phone = MobilePhone::parse(phone)
            .map_err(|e| errors.push((OutsiderField::Phone, OutsiderError::Phone(e))))
            .ok();
        let relation = relation.trim();
        if !OUTSIDER_RELATIONS.contains(&relation) {
            errors.push((OutsiderField::Relation, OutsiderError::Relation));
        }
        match (name, id_number, phone) {
            (Some(name), Some(id_number), Some(phone)) if errors.is_empty() => Ok(Outsider {
                name,
                id_number,
                phone,
                relation: relation.to_owned(),
            }),
            _ => Err(errors),
        }
    }

    /// A key for them as a signer, the same for the same details: changing any (another
    /// person, another phone, another relation) makes another signer, whose earlier code and
    /// signature no longer count.
    pub fn key(&self) -> uuid::Uuid {
        let digest = Sha256::digest(format!(
            "onedoor-outside-guardian\n{}\n{}\n{}\n{}",
            self.id_number.expose(),
            self.phone.expose(),
            self.name.expose(),
            self.relation
        ));
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}
