//! Certifying eligibility (待遇资格认证, issue 20 point 8): once a year every family receiving
//! a monthly aid confirms that its household, income and property have not changed — or says
//! what changed —, with a live photo of the recipient and, only with their consent, where it
//! was taken. The recipient certifies, or a member of the household who looks after them
//! (their guardian or family, 监护人), or the village's helper for someone who cannot.
//!
//! Seed 003 (“救助通”) names the certification (救助对象待遇资格认证) among what a family does
//! online, without a period. The period here is the calendar year, open 1 January to 31
//! December (China time): **a local default, to be confirmed**; so are the reminders, 30 and 7
//! days before the period closes, each at most once per household and period.
//!
//! Pure rules over plain inputs, no I/O: which households must certify ([`must_certify`]),
//! their status ([`status`]), which reminder is due ([`reminder_due`]) and whether a
//! certification is acceptable ([`CertificationRecord::validate`]).

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::clocks::china_date;
use crate::fieldwork::AttachmentRef;
use crate::household::Household;
use uuid::Uuid;

use crate::ids::{HouseholdId, MemberId, UserId, record_id};

record_id!(
    /// One household's certification for one period.
    CertificationId
);

/// The longest description of what changed, in characters.
pub const MAX_CHANGES_CHARS: usize = 500;

/// How many days before the period closes each reminder goes (local default).
pub const REMINDER_DAYS: [u64; 2] = [30, 7];

/// One yearly period (认证年度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// The year, which names the period.
    pub year: i32,
    /// The first day a certification counts.
    pub opens: NaiveDate,
    /// The last day.
    pub closes: NaiveDate,
}

impl Period {
    /// The period of `year`: 1 January to 31 December (local default).
    pub fn of_year(year: i32) -> Option<Period> {
        Some(Period {
            year,
            opens: NaiveDate::from_ymd_opt(year, 1, 1)?,
            closes: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The period a day falls in.
    pub fn containing(day: NaiveDate) -> Period {
        Period::of_year(day.year()).expect("a day's own year has a first and last day")
    }

    /// Whether `day` lies in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.opens <= day && day <= self.closes
    }
}

/// A decided item of a household's case, as the server reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// The day it was decided.
    pub approved_on: NaiveDate,
    /// Whether it was approved with an amount paid every month (低保, 特困). A one-off aid
    /// (临时救助) or a denial asks for no certification.
    pub monthly: bool,
}

/// Whether a household with these grants must certify in `period`: it holds a monthly aid
/// approved on or before the period's last day. An aid approved during the period is certified
/// in it too (local default, to be confirmed).
pub fn must_certify(grants: &[Grant], period: &Period) -> bool {
    grants
        .iter()
        .any(|g| g.monthly && g.approved_on <= period.closes)
}

/// Where a household stands in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Must certify, the period still open.
    Due,
    /// Must certify, the period closed without it.
    Overdue,
    /// Certified in the period.
    Certified,
    /// Receives no monthly aid: nothing to certify.
    NotRequired,
}

impl Status {
    /// Every status, in the county page's order.
    pub const ALL: [Status; 4] = [
        Status::Overdue,
        Status::Due,
        Status::Certified,
        Status::NotRequired,
    ];

    /// Stable code (exports, query strings).
    pub fn code(self) -> &'static str {
        match self {
            Status::Due => "due",
            Status::Overdue => "overdue",
            Status::Certified => "certified",
            Status::NotRequired => "not_required",
        }
    }

    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::Due => "待认证",
            Status::Overdue => "逾期未认证",
            Status::Certified => "已认证",
            Status::NotRequired => "不用认证",
        }
    }

    /// English label.
    pub fn name_en(self) -> &'static str {
        match self {
            Status::Due => "to certify",
            Status::Overdue => "overdue",
            Status::Certified => "certified",
            Status::NotRequired => "not required",
        }
    }
}

/// A household's status in `period` on `today`, given its grants and the days it certified
/// (any period: only those inside this one count).
pub fn status(
    grants: &[Grant],
    certified_on: &[NaiveDate],
    period: &Period,
    today: NaiveDate,
) -> Status {
    if certified_on.iter().any(|d| period.contains(*d)) {
        Status::Certified
    } else if !must_certify(grants, period) {
        Status::NotRequired
    } else if today > period.closes {
        Status::Overdue
    } else {
        Status::Due
    }
}

/// A reminder by text message, named by how many days before the close it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Reminder {
    /// 30 or 7 ([`REMINDER_DAYS`]).
    pub days_before: u64,
}

impl Reminder {
    /// Stable code, as recorded (`d30`, `d7`).
    pub fn code(self) -> String {
        format!("d{}", self.days_before)
    }

    /// The first day it may go in `period`.
    pub fn from_day(self, period: &Period) -> NaiveDate {
        period
            .closes
            .checked_sub_days(Days::new(self.days_before))
            .unwrap_or(period.opens)
            .max(period.opens)
    }
}

/// The reminder to send a household on `today`, if any: only while it is due (not certified,
/// the period open), only the latest reminder whose day has come, and none once that one or a
/// later one was sent (`sent`: the reminders recorded for this household and period). So each
/// goes at most once, and a household first due late gets the nearer one only.
pub fn reminder_due(
    status: Status,
    period: &Period,
    today: NaiveDate,
    sent: &[Reminder],
) -> Option<Reminder> {
    if status != Status::Due || !period.contains(today) {
        return None;
    }
    let latest = REMINDER_DAYS
        .iter()
        .map(|d| Reminder { days_before: *d })
        .filter(|r| r.from_day(period) <= today)
        .min_by_key(|r| r.days_before)?;
    let superseded = sent.iter().any(|s| s.days_before <= latest.days_before);
    (!superseded).then_some(latest)
}

/// Who certified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "who", rename_all = "snake_case")]
pub enum CertifiedBy {
    /// The recipient themselves.
    Recipient,
    /// Another member of the household, for the recipient (guardian or family, 监护人/家属).
    Guardian {
        /// The member who certified.
        member: MemberId,
    },
    /// The village's helper (帮办员), for a recipient who cannot.
    Helper {
        /// The helper's account.
        user: UserId,
    },
}

/// What the family says about their situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Changes {
    /// Household, income and property as before.
    None,
    /// Something changed, in their words.
    Changed {
        /// What changed.
        description: String,
    },
}

/// Where the photo was taken, in millionths of a degree (WGS 84), only with consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Latitude × 10⁶.
    pub lat_e6: i64,
    /// Longitude × 10⁶.
    pub lon_e6: i64,
}

impl Location {
    /// From degrees as a browser gives them; `None` outside the globe or not a number.
    pub fn from_degrees(lat: f64, lon: f64) -> Option<Location> {
        let ok = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        ok.then(|| Location {
            lat_e6: (lat * 1e6).round() as i64,
            lon_e6: (lon * 1e6).round() as i64,
        })
    }
}

/// One household's certification for one period: a record saved whole through the push path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationRecord {
    /// Made by whoever records it.
    pub id: CertificationId,
    /// The household.
    pub household: HouseholdId,
    /// The member receiving the aid, whose photo is taken.
    pub recipient: MemberId,
    /// The period's year.
    pub year: i32,
    /// When it was made.
    pub certified_at: DateTime<Utc>,
    /// Who made it.
    pub by: CertifiedBy,
    /// Unchanged, or what changed.
    pub changes: Changes,
    /// The live photo of the recipient (protected: linked to this record only).
    pub photo: Option<AttachmentRef>,
    /// Whether the recipient agreed to record the location.
    pub location_consent: bool,
    /// Where, only with consent.
    pub location: Option<Location>,
}

/// Why a certification is refused, each at its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationError {
    /// Something changed but nothing says what.
    DescriptionRequired,
    /// The description is longer than [`MAX_CHANGES_CHARS`].
    DescriptionTooLong,
    /// No photo of the recipient.
    PhotoRequired,
    /// A location without the recipient's consent.
    LocationWithoutConsent,
    /// The year is not the period of the day it was made.
    WrongPeriod,
    /// Made later than now.
    InFuture,
    /// The recipient or the certifying member is not in the household, or a guardian is the
    /// recipient.
    NotAMember,
}

impl CertificationError {
    /// The form field it belongs at.
    pub fn field(self) -> &'static str {
        match self {
            CertificationError::DescriptionRequired | CertificationError::DescriptionTooLong => {
                "description"
            }
            CertificationError::PhotoRequired => "photo",
            CertificationError::LocationWithoutConsent => "consent",
            CertificationError::WrongPeriod
            | CertificationError::InFuture
            | CertificationError::NotAMember => "form",
        }
    }

    /// Plain Chinese, for a primary-school reader.
    pub fn message_zh(self) -> &'static str {
        match self {
            CertificationError::DescriptionRequired => "请写一下哪里变了。",
            CertificationError::DescriptionTooLong => "最多写 500 个字。",
            CertificationError::PhotoRequired => "请给领救助的人拍一张照片。",
            CertificationError::LocationWithoutConsent => "没有同意，不能记录位置。",
            CertificationError::WrongPeriod => "认证的年份不对。",
            CertificationError::InFuture => "认证时间不对。",
            CertificationError::NotAMember => "这个人不是这一家的人。",
        }
    }

    /// English.
    pub fn message_en(self) -> &'static str {
        match self {
            CertificationError::DescriptionRequired => "Please say what changed.",
            CertificationError::DescriptionTooLong => "At most 500 characters.",
            CertificationError::PhotoRequired => {
                "Please take a photo of the person receiving the aid."
            }
            CertificationError::LocationWithoutConsent => {
                "The location cannot be kept without consent."
            }
            CertificationError::WrongPeriod => "The year is wrong.",
            CertificationError::InFuture => "The time is wrong.",
            CertificationError::NotAMember => "This person is not in the household.",
        }
    }
}

impl CertificationRecord {
    /// Every reason it is refused, none when it is acceptable on its own (the household is
    /// checked by [`CertificationRecord::check_household`]).
    pub fn validate(&self, now: DateTime<Utc>) -> Vec<CertificationError> {
        let mut errors = Vec::new();
        if let Changes::Changed { description } = &self.changes {
            let text = description.trim();
            if text.is_empty() {
                errors.push(CertificationError::DescriptionRequired);
            } else if text.chars().count() > MAX_CHANGES_CHARS {
                errors.push(CertificationError::DescriptionTooLong);
            }
        }
        if self.photo.is_none() {
            errors.push(CertificationError::PhotoRequired);
        }
        if self.location.is_some() && !self.location_consent {
            errors.push(CertificationError::LocationWithoutConsent);
        }
        if self.certified_at > now {
            errors.push(CertificationError::InFuture);
        }
        if Period::containing(china_date(self.certified_at)).year != self.year {
            errors.push(CertificationError::WrongPeriod);
        }
        errors
    }

    /// Whether the recipient and a certifying member belong to `household`, and a guardian is
    /// someone else than the recipient.
    pub fn check_household(&self, household: &Household) -> Result<(), CertificationError> {
        let has = |m: MemberId| household.members.iter().any(|x| x.id == m);
        let ok = household.id == self.household
            && has(self.recipient)
            && match self.by {
                CertifiedBy::Guardian { member } => member != self.recipient && has(member),
                CertifiedBy::Recipient | CertifiedBy::Helper { .. } => true,
            };
        if ok {
            Ok(())
        } else {
            Err(CertificationError::NotAMember)
        }
    }
}

#[cfg(test)]
#[path = "certification_proptests.rs"]
mod proptests;
#[cfg(test)]
#[path = "certification_tests.rs"]
mod tests;
