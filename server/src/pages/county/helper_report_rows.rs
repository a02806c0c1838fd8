//! The rows of the county helper report (seed 000 attachment 2), read from what the server
//! holds: one row per case opened under an entrustment received in the period (受理时间 is
//! when the helper received the entrustment), and one row for an entrustment with no case yet
//! (its items as entrusted, no result). The entrusting person's name is kept in full: the
//! printed and exported form needs it; the page masks it on screen.

use std::collections::HashMap;

use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::{case_clocks, china_date};
use domain::fieldwork::EntrustmentRecord;
use domain::jurisdiction::{PlaceCode, RecordScope, can_see};
use domain::ledger::{Period, result_zh};
use domain::sync::CaseRecord;

use super::access::Reach;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::case_print::decode;
use crate::state::AppState;

/// The attachment's column headings, in order.
pub const HEADINGS: [&str; 11] = [
    "序号",
    "乡镇（街道）",
    "村（社区）",
    "委托人姓名",
    "帮办代办员姓名",
    "帮办代办事项内容（最低生活保障、特困人员供养、临时救助、医疗救助、就业救助、住房救助、教育救助、灾害救助）",
    "受理时间",
    "办理时限",
    "办理结果",
    "回复时间",
    "备注",
];

/// One row.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// The township.
    pub township: PlaceCode,
    /// 乡镇（街道）.
    pub township_name: String,
    /// 村（社区）.
    pub village_name: String,
    /// 委托人姓名, in full.
    pub entrusting_person: String,
    /// The same, masked for the screen.
    pub entrusting_masked: String,
    /// 帮办代办员姓名.
    pub helper: String,
    /// 帮办代办事项内容.
    pub items: String,
    /// 受理时间, `YYYY-MM-DD`.
    pub received_on: chrono::NaiveDate,
    /// 办理时限: `N个工作日`, or empty before the window accepted the case.
    pub limit: String,
    /// 办理结果.
    pub result: String,
    /// 回复时间, `YYYY-MM-DD` or empty.
    pub reply_on: String,
    /// 备注.
    pub notes: String,
    /// For ordering within a day.
    received_at: chrono::DateTime<chrono::Utc>,
}

impl ReportRow {
    /// The row's cells under [`HEADINGS`], numbered `no`.
    pub fn cells(&self, no: usize) -> Vec<String> {
        vec![
            no.to_string(),
            self.township_name.clone(),
            self.village_name.clone(),
            self.entrusting_person.clone(),
            self.helper.clone(),
            self.items.clone(),
            self.received_on.to_string(),
            self.limit.clone(),
            self.result.clone(),
            self.reply_on.clone(),
            self.notes.clone(),
        ]
    }
}

/// The rows of `reach` for `period`, by township, village and time received.
pub async fn rows(
    state: &AppState,
    user: &CurrentUser,
    reach: &Reach,
    period: Period,
) -> Result<Vec<ReportRow>, ApiError> {
    let pattern = format!("{}%", reach.place.as_str());
    let entrustments: Vec<(String, String)> = sqlx::query_as(
        "SELECT scope, body FROM records WHERE kind = 'entrustment' AND place_code LIKE $1",
    )
    .bind(&pattern)
    .fetch_all(state.db.pool())
    .await?;
    let cases: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' AND place_code LIKE $1")
            .bind(&pattern)
            .fetch_all(state.db.pool())
            .await?;
    let cases: HashMap<String, CaseRecord> = cases
        .into_iter()
        .filter_map(|(id, body)| decode::<CaseRecord>(&body).ok().map(|c| (id, c)))
        .collect();
    let catalogue = state.reference.catalogue();
    let calendar = state.reference.calendar();
    let mut helpers: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for (scope, body) in entrustments {
        let scope: RecordScope = decode(&scope)?;
        if !reach.covers(&scope.place) || !can_see(&user.actor, &scope) {
            continue;
        }
        let Ok(record) = decode::<EntrustmentRecord>(&body) else {
            continue;
        };
        let received_on = china_date(record.received_at);
        if !period.contains(received_on) {
            continue;
        }
        let helper_id = record.helper.to_string();
        if !helpers.contains_key(&helper_id) {
            let name: Option<(String,)> =
                sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
                    .bind(&helper_id)
                    .fetch_optional(state.db.pool())
                    .await?;
            helpers.insert(helper_id.clone(), name.map(|(n,)| n).unwrap_or_default());
        }
        let township = scope
            .place
            .township()
            .unwrap_or_else(|| scope.place.clone());
        let village = scope.place.village();
        let mut notes = record.channel.name_zh().to_owned();
        if let Some(t) = &record.termination {
            notes.push_str(&format!("；{}终止", china_date(t.at)));
        }
        let base = ReportRow {
            township_name: reach.township_name(&township).to_owned(),
            township,
            village_name: village
                .as_ref()
                .map_or("", |v| reach.village_name(v))
                .to_owned(),
            entrusting_person: record.entrusting_name.expose().to_owned(),
            entrusting_masked: record.entrusting_name.masked(),
            helper: helpers[&helper_id].clone(),
            items: items_zh(&record.items, &catalogue),
            received_on,
            limit: String::new(),
            result: String::new(),
            reply_on: String::new(),
            notes,
            received_at: record.received_at,
        };
        let linked: Vec<&CaseRecord> = record
            .cases
            .iter()
            .filter_map(|id| cases.get(&id.to_string()))
            .collect();
        if linked.is_empty() {
            out.push(base);
            continue;
        }
        for c in linked {
            let clocks = case_clocks(&c.case, &catalogue, &calendar, &scope.place).ok();
            out.push(ReportRow {
                items: items_zh(c.case.requested_items(), &catalogue),
                limit: clocks
                    .and_then(|k| k.longest_limit_days())
                    .map_or_else(String::new, |d| format!("{d}个工作日")),
                result: result_zh(&c.case, &catalogue),
                reply_on: c
                    .case
                    .notified_at()
                    .map_or_else(String::new, |t| china_date(t).to_string()),
                ..base.clone()
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.township, &a.village_name, a.received_at).cmp(&(
            &b.township,
            &b.village_name,
            b.received_at,
        ))
    });
    Ok(out)
}

fn items_zh(items: &[AidItemCode], catalogue: &Catalogue) -> String {
    items
        .iter()
        .map(|code| {
            catalogue
                .item(code)
                .map_or_else(|| code.0.clone(), |i| i.name_zh.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}
