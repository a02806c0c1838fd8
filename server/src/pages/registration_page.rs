//! `GET /cases/{id}/registration`: the registration form of one application on A4
//! (社会救助"一门受理、协同办理"登记表, the form of attachment 5 of the one-door work flow),
//! filled from the case as kept: the applicant, the reason, the window's acceptance with the
//! item categories ticked, the routing, the township leader's opinion, each department's
//! result and the feedback. Each opinion carries the name of the person who gave it and the
//! date, from the case's events; what has not happened yet stays blank for a hand to fill in.
//! The printed form is an internal record: names and numbers are in full.

use axum::extract::{Path, State};
use axum::response::Html;
use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::china_date;
use domain::workflow::{AmountPeriod, Event, EventBody};

use super::case_print::PrintedCase;
use super::html::{date_zh, escape, page};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::authorizations::path_id;
use crate::state::AppState;

/// The form's nine categories, with the catalogue items each stands for ("其他" takes the rest).
const CATEGORIES: &[(&str, &[&str])] = &[
    ("最低生活保障", &["dibao", "dibao_edge"]),
    ("特困人员供养", &["tekun"]),
    ("受灾人员", &["disaster"]),
    ("医疗", &["medical"]),
    ("教育", &["education"]),
    ("住房", &["housing", "rural_dangerous_house"]),
    ("就业", &["employment"]),
    ("临时", &["temporary"]),
];

/// The form.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    let case = PrintedCase::load(&state, &user, path_id(&id)?, "case.print_registration").await?;
    let catalogue = state.reference.catalogue();
    let body = form(&case, &catalogue);
    Ok(Html(page("社会救助一门受理登记表", "print-page", &body)))
}

/// The first event matching `pick`.
fn first(case: &PrintedCase, pick: fn(&EventBody) -> bool) -> Option<&Event> {
    case.record.events.iter().find(|e| pick(&e.body))
}

/// "经办人：张三（签字） 2026年12月01日", blank where nobody has acted yet.
fn signed(case: &PrintedCase, role: &str, by: Option<&Event>) -> String {
    let (name, day) = by.map_or((String::new(), "年　月　日".to_owned()), |e| {
        (case.name(e.by.user).to_owned(), date_zh(china_date(e.at)))
    });
    format!(
        "<p class=\"signed\">{role}：<span class=\"fill\">{}</span>（签字）　{}</p>",
        escape(&name),
        escape(&day)
    )
}

fn item_name(catalogue: &Catalogue, item: &AidItemCode) -> String {
    catalogue
        .item(item)
        .map_or_else(|| item.as_str().to_owned(), |i| i.name_zh.clone())
}

fn form(case: &PrintedCase, catalogue: &Catalogue) -> String {
    let c = &case.record.case;
    let applicant = case.applicant();
    let name = applicant.map_or("", |m| m.name.expose());
    let phone = applicant
        .and_then(|m| m.phone.as_ref())
        .map_or("", |p| p.expose());
    let submitted = first(case, |b| matches!(b, EventBody::Submitted));
    let reason = submitted.and_then(|e| e.reason.as_deref()).unwrap_or("");
    let mut out = String::from("<article class=\"form registration\">");
    out.push_str(
        "<p class=\"screen-only hint\">请用浏览器的“打印”功能打印本页（A4）。 \
         / Print this page with the browser's Print command (A4).</p>",
    );
    out.push_str("<h1>社会救助“一门受理、协同办理”登记表</h1>");
    out.push_str(&format!(
        "<p class=\"small\">案件编号：<span class=\"mono\">{}</span>　当前状态：{}</p>",
        case.id,
        escape(c.state().name_zh())
    ));
    out.push_str("<table class=\"head registration-table\">");
    out.push_str(&format!(
        "<tr><th>申请人姓名</th><td data-field=\"applicant\">{}</td><th>联系电话</th><td>{}</td></tr>",
        escape(name),
        escape(phone)
    ));
    out.push_str(&format!(
        "<tr><th>家庭住址</th><td colspan=\"3\">{}</td></tr>",
        escape(&case.household.address)
    ));
    out.push_str(&format!(
        "<tr><th>救助事由</th><td colspan=\"3\" data-field=\"reason\"><p>{}</p>\
         <p class=\"signed\">申请人：<span class=\"fill\"></span>（签字）　{}</p></td></tr>",
        escape(reason),
        submitted.map_or("年　月　日".to_owned(), |e| date_zh(china_date(e.at)))
    ));
    out.push_str(&acceptance(case));
    out.push_str(&routing(case, catalogue));
    out.push_str(&leader(case));
    out.push_str(&decisions(case, catalogue));
    out.push_str(&feedback(case, catalogue));
    out.push_str("</table></article>");
    out
}

/// 街道（镇）分管领导意见: every opinion of the township leader (乌海 附件4 第一条: the window
/// routes 报经分管领导同意后), each signed with the leader's name and date; blank lines for a
/// hand while none was given.
fn leader(case: &PrintedCase) -> String {
    let mut said = String::new();
    for e in &case.record.events {
        let what = match &e.body {
            EventBody::RoutingApproved => match e.reason.as_deref() {
                Some(r) if r.trim() != "同意分办" => format!("同意分办。{r}"),
                _ => "同意分办。".to_owned(),
            },
            EventBody::ReturnedForRevision => {
                format!("退回窗口修改：{}", e.reason.as_deref().unwrap_or(""))
            }
            _ => continue,
        };
        said.push_str(&format!("<p>{}</p>", escape(&what)));
        said.push_str(&signed(case, "分管领导", Some(e)));
    }
    if said.is_empty() {
        said = format!(
            "<p class=\"blank-lines\"></p>{}",
            signed(case, "分管领导", None)
        );
    }
    format!(
        "<tr><th>街道（镇）<br>分管领导意见</th><td colspan=\"3\" data-field=\"leader\">{said}</td></tr>"
    )
}

/// 反馈情况: each item's result as told to the applicant (within 2 working days of that
/// result), or all at once.
fn feedback(case: &PrintedCase, catalogue: &Catalogue) -> String {
    let mut told = String::new();
    for e in &case.record.events {
        let what = match &e.body {
            EventBody::ItemResultTold { item } => format!(
                "【{}】办理结果已于 {} 告知申请人。",
                item_name(catalogue, item),
                date_zh(china_date(e.at))
            ),
            EventBody::ResultNotified => {
                format!("办理结果已于 {} 告知申请人。", date_zh(china_date(e.at)))
            }
            _ => continue,
        };
        told.push_str(&format!("<p>{}</p>", escape(&what)));
        told.push_str(&signed(case, "告知人", Some(e)));
    }
    format!(
        "<tr><th>反馈情况</th><td colspan=\"3\" data-field=\"feedback\">{told}\
         <p class=\"signed\">申请人：<span class=\"fill\"></span>（签字）　年　月　日</p></td></tr>"
    )
}

/// 受理分办意见: the categories of the requested items ticked.
fn acceptance(case: &PrintedCase) -> String {
    let c = &case.record.case;
    let accepted = first(case, |b| {
        matches!(b, EventBody::Accepted | EventBody::UrgentlyAccepted { .. })
    });
    let declined = case
        .record
        .events
        .iter()
        .find(|e| matches!(e.body, EventBody::NotAccepted { .. }));
    let text = if let Some(e) = declined {
        let referral = match &e.body {
            EventBody::NotAccepted { referral, .. } => referral.as_str(),
            _ => "",
        };
        format!(
            "经审查，该申请不属于社会救助受理范围，不予受理。理由：{}；请向{}申请。",
            escape(e.reason.as_deref().unwrap_or("")),
            escape(referral)
        )
    } else {
        let requested: Vec<&str> = c.requested_items().iter().map(|i| i.as_str()).collect();
        let mut boxes: Vec<String> = CATEGORIES
            .iter()
            .map(|(label, items)| {
                let on = items.iter().any(|i| requested.contains(i));
                format!("{}{label}", if on { "☑" } else { "☐" })
            })
            .collect();
        let known: Vec<&str> = CATEGORIES
            .iter()
            .flat_map(|(_, i)| i.iter().copied())
            .collect();
        let other = requested.iter().any(|i| !known.contains(i));
        boxes.push(format!("{}其他", if other { "☑" } else { "☐" }));
        let mut t = format!(
            "经审查，该救助事项符合受理条件，同意受理；属于{}救助，请在 1 个工作日内审核。",
            boxes.join("、")
        );
        if c.accepted_urgently() {
            t.push_str("（先行受理，所缺材料限期补正。）");
        }
        t
    };
    format!(
        "<tr><th>受理分办意见</th><td colspan=\"3\" data-field=\"acceptance\"><p>{text}</p>{}</td></tr>",
        signed(case, "经办人", declined.or(accepted))
    )
}

/// 审核转办意见: the departments the items went to.
fn routing(case: &PrintedCase, catalogue: &Catalogue) -> String {
    let routed = case
        .record
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.body, EventBody::Routed { .. }));
    let text = match routed.map(|e| &e.body) {
        Some(EventBody::Routed { lead, items }) => {
            let mut departments: Vec<String> = Vec::new();
            for (_, d) in items {
                let name = catalogue
                    .department(d)
                    .map_or_else(|| d.as_str().to_owned(), |d| d.name_zh.clone());
                if !departments.contains(&name) {
                    departments.push(name);
                }
            }
            let lead = catalogue
                .department(lead)
                .map_or_else(|| lead.as_str().to_owned(), |d| d.name_zh.clone());
            format!(
                "经审核，该申请人救助事由属实，拟转{}办理（牵头部门：{}）。",
                escape(&departments.join("、")),
                escape(&lead)
            )
        }
        _ => "经审核，该申请人救助事由属实，拟转＿＿＿＿办理。".to_owned(),
    };
    format!(
        "<tr><th>审核转办意见</th><td colspan=\"3\" data-field=\"routing\"><p>{text}</p>{}</td></tr>",
        signed(case, "审核人", routed)
    )
}

/// 救助部门意见: one paragraph per decided item.
fn decisions(case: &PrintedCase, catalogue: &Catalogue) -> String {
    let routed_on = first(case, |b| matches!(b, EventBody::Routed { .. }))
        .map_or("　年　月　日".to_owned(), |e| {
            date_zh(china_date(e.at))
        });
    let mut parts = String::new();
    for e in &case.record.events {
        let (item, department, result) = match &e.body {
            EventBody::ItemApproved {
                item,
                department,
                amount,
                ..
            } => {
                let yuan = format!("{}.{:02}", amount.fen / 100, amount.fen % 100);
                let how = match amount.period {
                    AmountPeriod::Monthly => format!("批准，每月 {yuan} 元"),
                    AmountPeriod::OneOff => format!("批准，一次性 {yuan} 元"),
                };
                (item, department, how)
            }
            EventBody::ItemDenied { item, department } => (
                item,
                department,
                format!(
                    "不予批准。理由：{}（如有异议，可依法申请行政复议或提起行政诉讼）",
                    e.reason.as_deref().unwrap_or("")
                ),
            ),
            _ => continue,
        };
        let department = catalogue
            .department(department)
            .map_or_else(|| department.as_str().to_owned(), |d| d.name_zh.clone());
        // The deciding department received the item at its own (latest) routing: for an item
        // returned and routed again (转办), the second routing, not the case's first.
        let received = case
            .record
            .case
            .item(item)
            .map_or_else(|| routed_on.clone(), |p| date_zh(china_date(p.routed_at)));
        parts.push_str(&format!(
            "<div class=\"decision\"><p>【{}】该救助事项于 {} 收到，办理结果如下：{}。</p>{}\
             <p class=\"signed\">救助部门：{}（盖章）</p></div>",
            escape(&item_name(catalogue, item)),
            escape(&received),
            escape(&result),
            signed(case, "经办人", Some(e)),
            escape(&department)
        ));
    }
    if parts.is_empty() {
        parts = format!(
            "<p>该救助事项于 {} 收到，办理结果如下：</p><p class=\"blank-lines\"></p>\
             <p class=\"signed\">经办人：<span class=\"fill\"></span>（签字）　救助部门：\
             <span class=\"fill\"></span>（盖章）　年　月　日</p>",
            escape(&routed_on)
        );
    }
    format!("<tr><th>救助部门意见</th><td colspan=\"3\" data-field=\"decisions\">{parts}</td></tr>")
}
