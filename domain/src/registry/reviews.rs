//! Periodic reviews (定期复核; seed 001 二(一) "按要求做好社会救助对象定期复核"): how often each
//! category is reviewed, and which reviews are due, overdue or done.
//!
//! The seeds ask for the reviews without their frequency. The intervals below are the usual
//! national ones, each marked with its source; where the seeds and the national text differ by
//! household (低保: half-yearly for a household with an unsteady income and members able to
//! work) the registry does not know the household's kind yet and takes the longer interval:
//! local default, to be confirmed.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Category, Entry, Month};

/// A review counts as due this many days before its date (local default, to be confirmed).
pub const DUE_WITHIN_DAYS: u64 = 30;

/// A review done within this many days is listed as done.
pub const DONE_SHOWN_DAYS: u64 = 60;

/// How often a category is reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewRule {
    /// The category.
    pub category: Category,
    /// Every this many months; `None`: not reviewed (one-off aid).
    pub every_months: Option<u32>,
    /// The rule, in Chinese, for the page.
    pub says_zh: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

/// The rules, one per category.
pub const REVIEW_RULES: [ReviewRule; 5] = [
    ReviewRule {
        category: Category::Tekun,
        every_months: Some(12),
        says_zh: "特困人员每年复核一次",
        source: "本地默认，待确认（参照《特困人员认定办法》民发〔2021〕43号的定期核查要求）",
    },
    ReviewRule {
        category: Category::Dibao,
        every_months: Some(12),
        says_zh: "低保家庭每年复核一次（收入来源不固定、有劳动能力的家庭每半年一次，尚未区分）",
        source: "《最低生活保障审核确认办法》（民发〔2021〕57号）定期核查；按户区分半年复核为本地默认，待确认",
    },
    ReviewRule {
        category: Category::DibaoEdge,
        every_months: Some(12),
        says_zh: "低保边缘家庭每年复核一次",
        source: "本地默认，待确认（《最低生活保障边缘家庭和刚性支出困难家庭认定办法》未见固定周期）",
    },
    ReviewRule {
        category: Category::Temporary,
        every_months: None,
        says_zh: "临时救助一次性给予，不复核",
        source: "临时救助为一次性救助（事项目录 temporary）",
    },
    ReviewRule {
        category: Category::Other,
        every_months: None,
        says_zh: "其他救助按各部门规定，不在此复核",
        source: "本地默认，待确认",
    },
];

/// The rule of a category.
pub fn review_rule(category: Category) -> &'static ReviewRule {
    REVIEW_RULES
        .iter()
        .find(|r| r.category == category)
        .expect("a rule per category")
}

/// Where an entry's review stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Past its date, not done.
    Overdue,
    /// Its date within [`DUE_WITHIN_DAYS`].
    Due,
    /// Done lately (within [`DONE_SHOWN_DAYS`]).
    Done {
        /// When.
        on: NaiveDate,
    },
    /// Not yet due.
    Scheduled,
}

impl ReviewStatus {
    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            ReviewStatus::Overdue => "已逾期",
            ReviewStatus::Due => "即将到期",
            ReviewStatus::Done { .. } => "已复核",
            ReviewStatus::Scheduled => "未到期",
        }
    }
}

/// One entry's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewState {
    /// The entry's key.
    pub key: String,
    /// When the next review falls.
    pub due_on: NaiveDate,
    /// Where it stands.
    pub status: ReviewStatus,
}

/// The reviews of the entries listed in `today`'s month whose category is reviewed. `done`
/// holds (entry key, day) of every review recorded. A review's date is its interval after
/// the last review, or after the entry's first month when none was done.
pub fn review_states(
    entries: &[Entry],
    done: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Vec<ReviewState> {
    let month = Month::of(today);
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| e.listed_in(month)) {
        let Some(every) = review_rule(e.category).every_months else {
            continue;
        };
        let last = done
            .iter()
            .filter(|(k, d)| *k == e.key && *d <= today)
            .map(|(_, d)| *d)
            .max();
        let base = last.unwrap_or_else(|| e.start.first_day());
        let due_on = base + Months::new(every);
        let status = match last {
            Some(on) if on + Days::new(DONE_SHOWN_DAYS) >= today => ReviewStatus::Done { on },
            _ if today > due_on => ReviewStatus::Overdue,
            _ if due_on <= today + Days::new(DUE_WITHIN_DAYS) => ReviewStatus::Due,
            _ => ReviewStatus::Scheduled,
        };
        out.push(ReviewState {
            key: e.key.clone(),
            due_on,
            status,
        });
    }
    out.sort_by(|a, b| (a.status, a.due_on, &a.key).cmp(&(b.status, b.due_on, &b.key)));
    out
}
