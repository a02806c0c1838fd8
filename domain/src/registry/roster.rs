//! The registry's own records (kind `registry`, saved whole through the push like a field
//! record): a roster row imported from an earlier system, and a periodic review done. And the
//! rules an import row is held to, column by column, before anything is written.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Category, Entry, Month, Source};
use crate::identity::{IdNumber, PersonName};
use crate::ids::UserId;
use crate::jurisdiction::{Level, PlaceCode};

/// The most people one roster row may cover.
pub const MAX_MEMBERS: u32 = 30;
/// The largest monthly amount a row may carry, in fen (100,000 yuan: a typo guard).
pub const MAX_FEN: i64 = 10_000_000;
/// The longest review note, in characters.
pub const NOTE_MAX: usize = 300;

/// A stored registry record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RegistryRecord {
    /// An imported roster row.
    Roster(RosterEntry),
    /// A periodic review done.
    Review(ReviewRecord),
}

impl RegistryRecord {
    /// The record's id.
    pub fn id(&self) -> Uuid {
        match self {
            RegistryRecord::Roster(r) => r.id,
            RegistryRecord::Review(r) => r.id,
        }
    }

    /// Where it lies (a village): who may see and change it.
    pub fn place(&self) -> &PlaceCode {
        match self {
            RegistryRecord::Roster(r) => &r.place,
            RegistryRecord::Review(r) => &r.place,
        }
    }

    /// The problems of the record, in Chinese; empty when it may be stored.
    pub fn problems(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.place().level() != Level::Village {
            out.push("记录须落在村（社区）".to_owned());
        }
        match self {
            RegistryRecord::Roster(r) => {
                if let Err(e) = PersonName::parse(&r.head_name) {
                    out.push(format!("户主姓名：{}", e.message_zh()));
                }
                if let Err(e) = IdNumber::parse(&r.head_id, today) {
                    out.push(format!("身份证号码：{}", e.message_zh()));
                }
                if !(1..=MAX_MEMBERS).contains(&r.members) {
                    out.push(format!("保障人数须为 1 至 {MAX_MEMBERS}"));
                }
                if !(0..=MAX_FEN).contains(&r.monthly_fen) {
                    out.push("月保障金额须为 0 至 100000 元".to_owned());
                }
                if r.end.is_some_and(|e| e < r.start) {
                    out.push("终止年月早于起始年月".to_owned());
                }
                if r.stopped_from.is_some_and(|s| s < r.start) {
                    out.push("停发年月早于起始年月".to_owned());
                }
                if r.start > Month::of(today) {
                    out.push("起始年月不能晚于本月".to_owned());
                }
                if r.file_sha256.len() != 64
                    || !r.file_sha256.bytes().all(|b| b.is_ascii_hexdigit())
                {
                    out.push("导入文件摘要格式错误".to_owned());
                }
            }
            RegistryRecord::Review(r) => {
                if r.reviewed_on > today {
                    out.push("复核日期不能晚于今天".to_owned());
                }
                if r.note.chars().count() > NOTE_MAX {
                    out.push(format!("复核情况请控制在 {NOTE_MAX} 字以内"));
                }
                if r.entry.is_empty() || r.entry.len() > 200 {
                    out.push("复核对象编号错误".to_owned());
                }
            }
        }
        out
    }
}

/// A roster row as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The record's id (derived from the file's hash and the row, so an import is idempotent).
    pub id: Uuid,
    /// The village.
    pub place: PlaceCode,
    /// The category.
    pub category: Category,
    /// 户主姓名.
    pub head_name: String,
    /// 身份证号码.
    pub head_id: String,
    /// 保障人数.
    pub members: u32,
    /// 月保障金额, fen.
    pub monthly_fen: i64,
    /// 起始年月.
    pub start: Month,
    /// 终止年月 (exited after it).
    pub end: Option<Month>,
    /// 停发年月 (stopped from it).
    pub stopped_from: Option<Month>,
    /// The imported file's SHA-256 (hex).
    pub file_sha256: String,
    /// The row's line in the file (the heading is line 1).
    pub line: u32,
    /// Who imported it.
    pub imported_by: UserId,
}

impl RosterEntry {
    /// The entry's key: the record's id (never the ID number: keys appear in pages' markup).
    pub fn key(&self) -> String {
        format!("roster:{}", self.id)
    }

    /// The registry entry the row makes.
    pub fn entry(&self) -> Entry {
        Entry {
            key: self.key(),
            household: self.key(),
            category: self.category,
            township: self
                .place
                .township()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            village: self.place.as_str().to_owned(),
            head_name: self.head_name.clone(),
            head_id: self.head_id.clone(),
            members: self.members,
            amounts: vec![(self.start, self.monthly_fen)],
            start: self.start,
            end: self.end,
            stopped_from: self.stopped_from,
            recorded: self.start,
            source: Source::Imported {
                record: self.id.to_string(),
            },
        }
    }
}

/// A periodic review done (定期复核).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The record's id.
    pub id: Uuid,
    /// The entry's key.
    pub entry: String,
    /// The entry's village.
    pub place: PlaceCode,
    /// When it was reviewed.
    pub reviewed_on: NaiveDate,
    /// What was found (no full ID number, phone or name).
    pub note: String,
    /// Who reviewed it.
    pub by: UserId,
}

/// An import row as read: every cell as text, the place already found by the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowInput {
    /// 类别.
    pub category: String,
    /// 户主姓名.
    pub head_name: String,
    /// 身份证号码.
    pub head_id: String,
    /// 保障人数.
    pub members: String,
    /// 月保障金额（元）.
    pub amount_yuan: String,
    /// 起始年月.
    pub start: String,
    /// 终止年月 (may be empty).
    pub end: String,
    /// 停发年月 (may be empty).
    pub stopped_from: String,
}

/// What is wrong with one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The column's heading.
    pub column: String,
    /// Why, in Chinese.
    pub message_zh: String,
}

impl RowError {
    /// An error at `column`.
    pub fn at(column: &str, message_zh: impl Into<String>) -> RowError {
        RowError {
            column: column.to_owned(),
            message_zh: message_zh.into(),
        }
    }
}

/// The checked values of a row (the place, hash, line and importer are the server's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRow {
    /// 类别.
    pub category: Category,
    /// 户主姓名.
    pub head_name: String,
    /// 身份证号码.
    pub head_id: String,
    /// 保障人数.
    pub members: u32,
    /// 月保障金额, fen.
    pub monthly_fen: i64,
    /// 起始年月.
    pub start: Month,
    /// 终止年月.
    pub end: Option<Month>,
    /// 停发年月.
    pub stopped_from: Option<Month>,
}

/// Parses yuan with at most two decimals (`520`, `520.5`, `520.50`, `1,200.00`) into fen.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 9 {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(int.parse::<i64>().ok()? * 100 + cents)
}

/// Checks every cell of a row: every problem, each at its column.
pub fn check_row(row: &RowInput, today: NaiveDate) -> Result<CheckedRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let category = Category::parse(&row.category);
    if category.is_none() {
        errors.push(RowError::at(
            "类别",
            format!(
                "未知类别“{}”（应为特困人员、低保、低保边缘、临时救助或其他救助）",
                row.category.trim()
            ),
        ));
    }
    if let Err(e) = PersonName::parse(row.head_name.trim()) {
        errors.push(RowError::at("户主姓名", e.message_zh()));
    }
    if let Err(e) = IdNumber::parse(row.head_id.trim(), today) {
        errors.push(RowError::at("身份证号码", e.message_zh()));
    }
    let members = row.members.trim().parse::<u32>().ok();
    if !members.is_some_and(|m| (1..=MAX_MEMBERS).contains(&m)) {
        errors.push(RowError::at(
            "保障人数",
            format!("应为 1 至 {MAX_MEMBERS} 的整数"),
        ));
    }
    let fen = parse_yuan(&row.amount_yuan).filter(|f| *f <= MAX_FEN);
    if fen.is_none() {
        errors.push(RowError::at(
            "月保障金额（元）",
            "应为 0 至 100000 的金额，最多两位小数",
        ));
    }
    let month = |column: &str, text: &str, errors: &mut Vec<RowError>| -> Option<Month> {
        if text.trim().is_empty() {
            return None;
        }
        let m = Month::parse(text);
        if m.is_none() {
            errors.push(RowError::at(column, "应为年月，如 2026-03"));
        }
        m
    };
    let start = if row.start.trim().is_empty() {
        errors.push(RowError::at("起始年月", "必填，如 2026-03"));
        None
    } else {
        month("起始年月", &row.start, &mut errors)
    };
    let end = month("终止年月", &row.end, &mut errors);
    let stopped_from = month("停发年月", &row.stopped_from, &mut errors);
    if let Some(s) = start {
        if s > Month::of(today) {
            errors.push(RowError::at("起始年月", "不能晚于本月"));
        }
        if end.is_some_and(|e| e < s) {
            errors.push(RowError::at("终止年月", "早于起始年月"));
        }
        if stopped_from.is_some_and(|t| t < s) {
            errors.push(RowError::at("停发年月", "早于起始年月"));
        }
    }
    match (category, members, fen, start) {
        (Some(category), Some(members), Some(monthly_fen), Some(start)) if errors.is_empty() => {
            Ok(CheckedRow {
                category,
                head_name: row.head_name.trim().to_owned(),
                head_id: row.head_id.trim().to_uppercase(),
                members,
                monthly_fen,
                start,
                end,
                stopped_from,
            })
        }
        _ => Err(errors),
    }
}
