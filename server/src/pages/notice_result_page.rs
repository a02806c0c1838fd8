//! `GET /cases/{id}/notices/result`: the notice of what became of each requested item
//! (救助事项办理结果告知书), which the window hands the applicant when it tells the results
//! (乌海 一门受理 附件4 第四条 社会救助窗口应在接到办理结果 2 个工作日内反馈给申请对象;
//! 二(二)三 由社会救助受理窗口统一反馈给救助申请人). Every item is listed: approved with the
//! amount and how it is paid, not approved with the department's reason and how to object, or
//! still being handled (办理中) with its department and deadline. It is dated by the latest
//! telling (the whole result, or one item's), and answers 404 with a page saying so while no
//! result has been told.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::calendar::Deadline;
use domain::catalogue::Catalogue;
use domain::clocks::{CaseClocks, case_clocks, china_date};
use domain::workflow::{EventBody, ItemProgress, NoticeStatus};

use super::case_print::PrintedCase;
use super::html::{date_zh, escape};
use super::notice::{
    Issuer, Notice, amount_zh, applicant_name, application_zh, case_number, department_name,
    item_name, not_applicable, objection_zh, sentence, track_qr,
};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::authorizations::path_id;
use crate::state::AppState;

/// The notice.
pub async fn get(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let case = PrintedCase::fetch(&state, &user, path_id(&id)?).await?;
    let told = case.record.events.iter().rev().find(|e| {
        matches!(
            e.body,
            EventBody::ResultNotified | EventBody::ItemResultTold { .. }
        )
    });
    let Some(told) = told else {
        return Ok(not_applicable(
            "救助事项办理结果告知书",
            "本案件尚未向申请人告知办理结果，无可打印的办理结果告知书。",
        ));
    };
    case.audit(&state, &user, "case.print_result_notice")
        .await?;
    let catalogue = state.reference.catalogue();
    let calendar = state.reference.calendar();
    let issuer = Issuer::of(&state, &case.household.place).await?;
    let clocks = case_clocks(
        &case.record.case,
        &catalogue,
        &calendar,
        &case.household.place,
    )
    .ok();
    let number = case_number(case.id);
    let notice = Notice {
        kind: "result",
        title: "救助事项办理结果告知书",
        subtitle: None,
        number: issuer.document_number("结", told.at, case.id),
        addressee: applicant_name(&case),
        body: body(&case, &catalogue, &issuer, clocks.as_ref()),
        issuer: &issuer,
        issued: told,
        qr: track_qr(&state, peer, &headers, &number),
    };
    Ok(notice.page(&case))
}

fn body(
    case: &PrintedCase,
    catalogue: &Catalogue,
    issuer: &Issuer,
    clocks: Option<&CaseClocks>,
) -> String {
    let c = &case.record.case;
    let mut out = format!(
        "<p>{}，本窗口已按规定转相关救助部门办理。现将办理结果告知如下：</p>",
        escape(&application_zh(case, catalogue))
    );
    out.push_str(
        "<table class=\"grid results\" data-field=\"items\"><thead><tr><th>救助事项</th>\
         <th>承办部门</th><th>办理结果</th><th>说明</th></tr></thead><tbody>",
    );
    let (mut denied, mut pending) = (false, false);
    for item in c.requested_items() {
        let progress = c.item(item);
        let department = progress.map_or_else(
            || "待分办".to_owned(),
            |p| department_name(catalogue, &p.department),
        );
        let decision = progress.and_then(|p| p.decision.as_ref().map(|d| (p, d)));
        let (state, result, note) = match decision {
            Some((p, d)) => match &d.approved {
                Some(amount) => (
                    "approved",
                    format!("批准，{}", amount_zh(amount)),
                    approved_note(p, d.decided_at),
                ),
                None => {
                    denied = true;
                    (
                        "denied",
                        "不予批准".to_owned(),
                        format!(
                            "{}决定。理由：{}",
                            date_zh(china_date(d.decided_at)),
                            sentence(d.reason.as_deref().unwrap_or("（未填写）"))
                        ),
                    )
                }
            },
            None => {
                pending = true;
                (
                    "pending",
                    "办理中".to_owned(),
                    pending_note(progress, item, clocks),
                )
            }
        };
        out.push_str(&format!(
            "<tr data-item=\"{}\" data-result=\"{state}\"><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(item.as_str()),
            escape(&item_name(catalogue, item)),
            escape(&department),
            escape(&result),
            escape(&note)
        ));
    }
    out.push_str("</tbody></table>");
    if pending {
        out.push_str(
            "<p data-field=\"pending\">尚在办理中的事项，本窗口将在收到办理结果后 2 个工作日内告知您。</p>",
        );
    }
    if denied {
        out.push_str(&format!(
            "<p data-field=\"objection\">对不予批准的事项，{}</p>",
            escape(&objection_zh(&issuer.county))
        ));
    }
    out.push_str(&format!(
        "<p>如对办理结果有疑问，可向{}咨询。</p>",
        escape(&issuer.window())
    ));
    out
}

/// When it was approved and where its public notice stands.
fn approved_note(p: &ItemProgress, decided_at: chrono::DateTime<chrono::Utc>) -> String {
    let decided = format!("{}批准", date_zh(china_date(decided_at)));
    match p.notice {
        NoticeStatus::NotNeeded => format!("{decided}。"),
        NoticeStatus::Due => format!("{decided}，待在村（居）委会公示，公示无异议后生效。"),
        NoticeStatus::Posted { since } => format!(
            "{decided}，自{}起公示，公示期满无异议后生效。",
            date_zh(china_date(since))
        ),
        NoticeStatus::Finished {
            posted_at,
            ended_at,
        } => format!(
            "{decided}，已于{}至{}公示，无异议。",
            date_zh(china_date(posted_at)),
            date_zh(china_date(ended_at))
        ),
    }
}

/// Who has it and by when.
fn pending_note(
    progress: Option<&ItemProgress>,
    item: &domain::catalogue::AidItemCode,
    clocks: Option<&CaseClocks>,
) -> String {
    let Some(p) = progress else {
        return "尚待分办。".to_owned();
    };
    if p.awaiting_reroute() {
        return "原承办部门已退回，正在转办。".to_owned();
    }
    let clock = clocks.and_then(|c| c.items.iter().find(|i| &i.item == item));
    match clock.map(|c| c.deadline.value) {
        Some(Deadline::Due { on }) => format!(
            "{}转办，应于{}前办结。",
            date_zh(china_date(p.routed_at)),
            date_zh(on)
        ),
        Some(Deadline::Suspended { .. }) => "办理时限暂停计算（等待补正材料）。".to_owned(),
        None => format!("{}转办。", date_zh(china_date(p.routed_at))),
    }
}
