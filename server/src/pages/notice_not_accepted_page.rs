//! `GET /cases/{id}/notices/not-accepted`: the written notice of a request the window does not
//! accept (不予受理告知书: 乌海 一门受理 附件3 第二条 对不予受理……的救助事项……发出《不予受理
//! 或不予批准通知书》; 附件2 第三条 对不属于社会救助的事项，告知申请对象向有关部门申请办理):
//! the window's written reason, where to apply instead (the referral and its kind), and how to
//! object. A case that was not declined answers 404 with a page saying so.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::catalogue::ReferralKind;
use domain::workflow::EventBody;

use super::case_print::PrintedCase;
use super::html::escape;
use super::notice::{
    Issuer, Notice, applicant_name, application_zh, case_number, not_applicable, objection_zh,
    sentence, track_qr,
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
    let declined = case.record.events.iter().rev().find_map(|e| match &e.body {
        EventBody::NotAccepted { referral, kind } => Some((e, referral.as_str(), *kind)),
        _ => None,
    });
    let Some((event, referral, kind)) = declined else {
        return Ok(not_applicable(
            "不予受理告知书",
            "本案件未被决定不予受理，无可打印的不予受理告知书。",
        ));
    };
    case.audit(&state, &user, "case.print_not_accepted_notice")
        .await?;
    let catalogue = state.reference.catalogue();
    let issuer = Issuer::of(&state, &case.household.place).await?;
    let reason = event.reason.as_deref().unwrap_or("").trim();
    let mut body = format!(
        "<p>{}，经审查，不属于社会救助受理范围，决定不予受理。</p>",
        escape(&application_zh(&case, &catalogue)),
    );
    body.push_str(&format!(
        "<p data-field=\"reason\">不予受理的理由：{}</p>",
        escape(&sentence(if reason.is_empty() {
            "（未填写）"
        } else {
            reason
        }))
    ));
    let referral = referral.trim();
    let instead = match kind {
        ReferralKind::OtherDepartment => format!("您可以向{referral}提出申请。"),
        ReferralKind::ConvenienceService => {
            format!("该事项属于便民服务事项，您可以到{referral}办理。")
        }
        ReferralKind::GovernmentService => {
            format!("该事项属于政务服务事项，请您到{referral}办理。")
        }
    };
    body.push_str(&format!(
        "<p data-field=\"referral\" data-kind=\"{}\">{}</p>",
        escape(kind.name_zh()),
        escape(&instead)
    ));
    body.push_str(&format!(
        "<p>本决定不影响您今后因家庭情况变化再次申请社会救助；如有疑问，可向{}咨询。</p>",
        escape(&issuer.window())
    ));
    body.push_str(&format!(
        "<p data-field=\"objection\">{}</p>",
        escape(&objection_zh(&issuer.county))
    ));
    let number = case_number(case.id);
    let notice = Notice {
        kind: "not-accepted",
        title: "不予受理告知书",
        subtitle: None,
        number: issuer.document_number("不受", event.at, case.id),
        addressee: applicant_name(&case),
        body,
        issuer: &issuer,
        issued: event,
        qr: track_qr(&state, peer, &headers, &number),
    };
    Ok(notice.page(&case))
}
