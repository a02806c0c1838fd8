//! What can go wrong when loading a holiday notice or asking for a deadline.

use chrono::NaiveDate;
use thiserror::Error;

/// An error from the working-day calendar. Every message says what to fix;
/// [`CalendarError::message_zh`] gives the same in Chinese for the screens.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The notice text is not valid JSON of the expected shape.
    #[error(
        "the holiday notice could not be read: {reason}; check it against the format of domain/data/holidays/2026.json"
    )]
    InvalidJson {
        /// What the JSON parser reported.
        reason: String,
    },
    /// The notice has no title.
    #[error(
        "the holiday notice for {year} has no title; enter the notice's title, e.g. 国务院办公厅关于{year}年部分节假日安排的通知"
    )]
    MissingTitle {
        /// The notice's year.
        year: i32,
    },
    /// A notice cannot be published after the year it arranges has ended.
    #[error(
        "the holiday notice for {year} says it was published on {published_on}, after that year; check the publication date"
    )]
    PublishedAfterYear {
        /// The notice's year.
        year: i32,
        /// The publication date given.
        published_on: NaiveDate,
    },
    /// The notice lists no holidays.
    #[error("the holiday notice for {year} lists no holidays; add its holidays and their days off")]
    NoHolidays {
        /// The notice's year.
        year: i32,
    },
    /// A holiday has no Chinese or English name, or no days off.
    #[error(
        "a holiday in the notice for {year} has no name or no days off; give it name_zh, name_en and at least one range of days off"
    )]
    IncompleteHoliday {
        /// The notice's year.
        year: i32,
    },
    /// A range of days off ends before it starts.
    #[error("the days off from {from} to {to} end before they start; swap or correct the dates")]
    InvertedRange {
        /// First day given.
        from: NaiveDate,
        /// Last day given.
        to: NaiveDate,
    },
    /// A range of days off is implausibly long (a typo in a month, most likely).
    #[error("the days off from {from} to {to} are longer than {max_days} days; check the dates")]
    RangeTooLong {
        /// First day given.
        from: NaiveDate,
        /// Last day given.
        to: NaiveDate,
        /// The longest block of days off accepted.
        max_days: i64,
    },
    /// A date lies outside the year the notice arranges.
    #[error(
        "{date} is outside the notice's year {year} (only the last week of the previous December may appear, for New Year's Day); check the year"
    )]
    DateOutsideNoticeYear {
        /// The notice's year.
        year: i32,
        /// The offending date.
        date: NaiveDate,
    },
    /// The same day is listed twice as a day off, or twice as a make-up working day.
    #[error("{date} is listed twice in the notice; remove the duplicate")]
    DuplicateDay {
        /// The duplicated date.
        date: NaiveDate,
    },
    /// A day is both a day off and a make-up working day.
    #[error("{date} is both a day off and a make-up working day in the notice; it can only be one")]
    DayBothOffAndWorking {
        /// The contradictory date.
        date: NaiveDate,
    },
    /// Make-up working days (调休上班) replace a weekend day; a weekday is a working day anyway.
    #[error("the make-up working day {date} is not a Saturday or Sunday; check the date")]
    MakeUpDayNotWeekend {
        /// The offending date.
        date: NaiveDate,
    },
    /// A different notice for this year is already loaded.
    #[error(
        "a different holiday notice for {year} is already loaded; a loaded year cannot be overwritten"
    )]
    YearAlreadyLoaded {
        /// The year.
        year: i32,
    },
    /// The notice disagrees with another loaded notice about a day.
    #[error(
        "the notice says something different about {date} than the loaded notice for {other_year}; check both notices"
    )]
    ConflictWithLoadedNotice {
        /// The day they disagree on.
        date: NaiveDate,
        /// The year of the notice already loaded.
        other_year: i32,
    },
    /// A pause ends before it starts.
    #[error("the pause from {from} to {to} ends before it starts; correct the dates")]
    InvalidPause {
        /// The day the clock stopped.
        from: NaiveDate,
        /// The day it was said to restart.
        to: NaiveDate,
    },
    /// Counting would run past the last date the calendar can represent.
    #[error(
        "counting working days from {date} runs past the last representable date; check the year"
    )]
    DateOutOfRange {
        /// Where counting started.
        date: NaiveDate,
    },
    /// More working days were asked for than any time limit needs.
    #[error("{requested} working days is more than the {max} supported; check the time limit")]
    TooManyWorkingDays {
        /// The number asked for.
        requested: u32,
        /// The largest number accepted.
        max: u32,
    },
}

impl CalendarError {
    /// The message in Chinese, for the screens.
    pub fn message_zh(&self) -> String {
        match self {
            Self::InvalidJson { reason } => {
                format!("放假通知格式有误：{reason}。请参照 2026.json 的格式检查。")
            }
            Self::MissingTitle { year } => format!(
                "{year}年放假通知缺少标题，请填写如“国务院办公厅关于{year}年部分节假日安排的通知”。"
            ),
            Self::PublishedAfterYear { year, published_on } => {
                format!("{year}年放假通知的发布日期 {published_on} 晚于该年，请核对发布日期。")
            }
            Self::NoHolidays { year } => format!("{year}年放假通知未列出任何节日，请补充。"),
            Self::IncompleteHoliday { year } => {
                format!("{year}年放假通知中有节日缺少名称或放假日期，请补充。")
            }
            Self::InvertedRange { from, to } => {
                format!("放假日期 {from} 至 {to} 的结束日早于开始日，请更正。")
            }
            Self::RangeTooLong { from, to, max_days } => {
                format!("放假日期 {from} 至 {to} 超过 {max_days} 天，请核对日期。")
            }
            Self::DateOutsideNoticeYear { year, date } => {
                format!("{date} 不在{year}年内（仅元旦可延伸至上一年12月最后一周），请核对年份。")
            }
            Self::DuplicateDay { date } => format!("{date} 在通知中重复出现，请删除重复项。"),
            Self::DayBothOffAndWorking { date } => {
                format!("{date} 既是放假日又是调休上班日，请更正。")
            }
            Self::MakeUpDayNotWeekend { date } => {
                format!("调休上班日 {date} 不是周六或周日，请核对日期。")
            }
            Self::YearAlreadyLoaded { year } => {
                format!("已载入另一份{year}年放假通知，不能覆盖。")
            }
            Self::ConflictWithLoadedNotice { date, other_year } => {
                format!("该通知对 {date} 的安排与已载入的{other_year}年通知不一致，请核对。")
            }
            Self::InvalidPause { from, to } => {
                format!("中止计时的起止日期 {from} 至 {to} 有误：结束日早于开始日。")
            }
            Self::DateOutOfRange { date } => {
                format!("从 {date} 起计算工作日超出了可表示的日期范围，请核对年份。")
            }
            Self::TooManyWorkingDays { requested, max } => {
                format!("{requested} 个工作日超过支持的上限 {max}，请核对时限。")
            }
        }
    }
}
