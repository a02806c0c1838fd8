//! A county's own decision time limit for an item (本县办理时限), as the admin types it,
//! checked field by field so the page can show every error at its field.
//!
//! What is lawful, and why:
//! - **Days: 1 to [`MAX_LOCAL_DAYS`] working days.** A limit of zero would make every case late
//!   the day it is routed; no policy in force gives a department more than a quarter of a year
//!   (the longest national rule, 《最低生活保障审核确认办法》（民发〔2021〕57号）, allows 30
//!   working days, 45 with the extension).
//! - **A local limit may shorten a limit set by a regulation, never lengthen it.** A county
//!   document cannot override a national or provincial rule: 乌海 附件4 第三条 and
//!   潼南府办发〔2019〕94号 五(二) require each department to decide 在政策规定的时限内, and
//!   「救助通」 (seed 003 二(二)) asks counties to 缩短救助时限. So where the limit above the
//!   county comes from a regulation ([`LimitSource::Policy`]), the local days may not exceed its
//!   days, and the local days plus extension may not exceed its days plus extension. Where the
//!   shipped limit is only a local default still to be confirmed
//!   ([`LimitSource::LocalDefault`]), the county's document is the first rule there is, and
//!   only the range applies.
//! - **Extension: 0 up to the days themselves.** An extension is for 特殊情况 and never longer
//!   than the limit it extends (民发〔2021〕57号: 30 days, extended by at most 15).
//! - **A source is required** (the county document, e.g. 县民政局文件号), at most
//!   [`MAX_SOURCE_CHARS`] characters on one line: notices cite it to the applicant.

use serde::{Deserialize, Serialize};

use super::codes::AidItemCode;
use super::lookup::Catalogue;
use super::model::{LimitSource, TimeLimit, TimeLimitOverride};
use crate::jurisdiction::PlaceCode;

/// The longest local limit, in working days (about a quarter of a year).
pub const MAX_LOCAL_DAYS: u32 = 60;

/// The longest source accepted, in characters.
pub const MAX_SOURCE_CHARS: usize = 120;

/// A field of the local-limit form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitField {
    /// The working days.
    Days,
    /// The extension days.
    ExtensionDays,
    /// The document the limit comes from.
    Source,
}

impl LimitField {
    /// The field's form name.
    pub fn name(self) -> &'static str {
        match self {
            LimitField::Days => "days",
            LimitField::ExtensionDays => "extension_days",
            LimitField::Source => "source",
        }
    }
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LocalLimitError {
    /// Not a whole number.
    NotNumber,
    /// Days outside 1..=[`MAX_LOCAL_DAYS`].
    DaysOutOfRange,
    /// More days than the regulation above the county allows.
    DaysOverPolicy {
        /// The regulation's days.
        policy_days: u32,
    },
    /// An extension longer than the days.
    ExtensionOverDays,
    /// Days plus extension longer than the regulation's total.
    TotalOverPolicy {
        /// The regulation's days plus extension.
        policy_total: u32,
    },
    /// No source given.
    SourceMissing,
    /// A source longer than [`MAX_SOURCE_CHARS`].
    SourceTooLong,
    /// A source with a line break or tab.
    SourceControl,
}

impl LocalLimitError {
    /// The error's code, for programs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            LocalLimitError::NotNumber => "not_number",
            LocalLimitError::DaysOutOfRange => "days_out_of_range",
            LocalLimitError::DaysOverPolicy { .. } => "days_over_policy",
            LocalLimitError::ExtensionOverDays => "extension_over_days",
            LocalLimitError::TotalOverPolicy { .. } => "total_over_policy",
            LocalLimitError::SourceMissing => "source_missing",
            LocalLimitError::SourceTooLong => "source_too_long",
            LocalLimitError::SourceControl => "source_control",
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            LocalLimitError::NotNumber => "请填整数个工作日（不要写“天”）".to_owned(),
            LocalLimitError::DaysOutOfRange => {
                format!("办理时限应为 1 至 {MAX_LOCAL_DAYS} 个工作日")
            }
            LocalLimitError::DaysOverPolicy { policy_days } => {
                format!("政策规定 {policy_days} 个工作日，本县时限只能缩短，不能延长")
            }
            LocalLimitError::ExtensionOverDays => "可延长的天数不能超过办理时限本身".to_owned(),
            LocalLimitError::TotalOverPolicy { policy_total } => {
                format!("办理时限加延长最多 {policy_total} 个工作日（政策规定），不能延长")
            }
            LocalLimitError::SourceMissing => "请填写依据（县里的文件名称和文号）".to_owned(),
            LocalLimitError::SourceTooLong => format!("依据最多 {MAX_SOURCE_CHARS} 个字"),
            LocalLimitError::SourceControl => "依据不能含换行或制表符".to_owned(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            LocalLimitError::NotNumber => "Enter a whole number of working days".to_owned(),
            LocalLimitError::DaysOutOfRange => {
                format!("A limit is 1 to {MAX_LOCAL_DAYS} working days")
            }
            LocalLimitError::DaysOverPolicy { policy_days } => format!(
                "The regulation sets {policy_days} working days; a local limit may shorten it, not lengthen it"
            ),
            LocalLimitError::ExtensionOverDays => {
                "The extension cannot be longer than the limit itself".to_owned()
            }
            LocalLimitError::TotalOverPolicy { policy_total } => format!(
                "Limit plus extension is at most {policy_total} working days under the regulation"
            ),
            LocalLimitError::SourceMissing => {
                "Name the county document the limit comes from".to_owned()
            }
            LocalLimitError::SourceTooLong => format!("At most {MAX_SOURCE_CHARS} characters"),
            LocalLimitError::SourceControl => "No line breaks or tabs in the source".to_owned(),
        }
    }
}

/// Every wrong field of one form, in the form's order.
pub type LimitErrors = Vec<(LimitField, LocalLimitError)>;

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalLimitInput {
    /// Working days, as typed.
    #[serde(default)]
    pub days: String,
    /// Extension days, as typed (empty means none).
    #[serde(default)]
    pub extension_days: String,
    /// The document, as typed.
    #[serde(default)]
    pub source: String,
}

fn parse_days(typed: &str) -> Result<u32, LocalLimitError> {
    let t = typed.trim();
    if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LocalLimitError::NotNumber);
    }
    t.parse().map_err(|_| LocalLimitError::NotNumber)
}

impl Catalogue {
    /// The limit that applies to `item` in `county` before any rule of the county itself (or
    /// below it), when a regulation sets it: what a local limit may not exceed. `None` for an
    /// unknown item or a limit that is only a local default.
    pub fn policy_ceiling(&self, item: &AidItemCode, county: &PlaceCode) -> Option<TimeLimit> {
        let own = self.item(item)?;
        let above = self
            .data()
            .overrides
            .iter()
            .filter(|o| {
                &o.item == item
                    && o.place_prefix.len() < county.as_str().len()
                    && county.as_str().starts_with(&o.place_prefix)
            })
            .max_by_key(|o| o.place_prefix.len());
        match above {
            Some(o) => Some(o.time_limit),
            None => match own.time_limit_source {
                LimitSource::Policy(_) => Some(own.time_limit),
                LimitSource::LocalDefault => None,
            },
        }
    }

    /// Checks the admin's local limit for `item` in `county` (every wrong field, in the form's
    /// order) and answers it as an override of the county's code. `None` for an unknown item.
    pub fn check_local_limit(
        &self,
        county: &PlaceCode,
        item: &AidItemCode,
        input: &LocalLimitInput,
    ) -> Option<Result<TimeLimitOverride, LimitErrors>> {
        self.item(item)?;
        let ceiling = self.policy_ceiling(item, county);
        let mut errors = LimitErrors::new();
        let days = match parse_days(&input.days) {
            Ok(d) if !(1..=MAX_LOCAL_DAYS).contains(&d) => Err(LocalLimitError::DaysOutOfRange),
            Ok(d) => match ceiling {
                Some(c) if d > c.days => Err(LocalLimitError::DaysOverPolicy {
                    policy_days: c.days,
                }),
                _ => Ok(d),
            },
            Err(e) => Err(e),
        };
        let days = days.map_err(|e| errors.push((LimitField::Days, e))).ok();
        let extension = if input.extension_days.trim().is_empty() {
            Ok(0)
        } else {
            parse_days(&input.extension_days)
        };
        let extension = extension.and_then(|x| match days {
            Some(d) if x > d => Err(LocalLimitError::ExtensionOverDays),
            Some(d) => match ceiling {
                Some(c) if d + x > c.days + c.extension_days => {
                    Err(LocalLimitError::TotalOverPolicy {
                        policy_total: c.days + c.extension_days,
                    })
                }
                _ => Ok(x),
            },
            None => Ok(x),
        });
        let extension = extension
            .map_err(|e| errors.push((LimitField::ExtensionDays, e)))
            .ok();
        let source = input.source.trim();
        let source_error = if source.is_empty() {
            Some(LocalLimitError::SourceMissing)
        } else if source.chars().count() > MAX_SOURCE_CHARS {
            Some(LocalLimitError::SourceTooLong)
        } else if source.chars().any(char::is_control) {
            Some(LocalLimitError::SourceControl)
        } else {
            None
        };
        if let Some(e) = source_error {
            errors.push((LimitField::Source, e));
        }
        Some(match (days, extension) {
            (Some(days), Some(extension_days)) if errors.is_empty() => Ok(TimeLimitOverride {
                place_prefix: county.as_str().to_owned(),
                item: item.clone(),
                time_limit: TimeLimit {
                    days,
                    extension_days,
                },
                source: source.to_owned(),
            }),
            _ => Err(errors),
        })
    }

    /// This catalogue with the counties' own limits: each replaces a shipped override of the
    /// same place and item, or is added. Validated like any catalogue.
    pub fn with_local_limits(
        &self,
        limits: impl IntoIterator<Item = TimeLimitOverride>,
    ) -> Result<Catalogue, super::CatalogueError> {
        let mut data = self.data().clone();
        for limit in limits {
            data.overrides
                .retain(|o| !(o.place_prefix == limit.place_prefix && o.item == limit.item));
            data.overrides.push(limit);
        }
        Catalogue::new(data)
    }
}
