//! `GET /cases/{id}/notices/supplement`: the one notice of every missing or defective material
//! (补正材料告知书，一次性告知: 乌海 一门受理 附件3 第二条 对救助办理要求一次性告知当事人;
//! 附件2 第二条 出具补证通知书), or, for a case accepted first because it was urgent, the
//! 先行受理暨补证通知书 (附件2 第二条 情况紧急的可先行受理，同时出具补证通知书).
//!
//! Each material carries its Chinese name and what the catalogue asks of it, and whether it
//! was not handed in or handed in and found wanting (the window saw it: the event's `seen`);
//! the window's written reason follows when it gave one. A case with two notices prints the
//! latest (which may only name what changed since the first: the one-notice rule) and says
//! which notice it follows. A case that never had a notice answers 404 with a page saying so.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::catalogue::{Catalogue, MaterialCode};
use domain::clocks::china_date;
use domain::workflow::{Event, EventBody, SeenMaterial};

use super::case_print::PrintedCase;
use super::html::{date_zh, escape};
use super::notice::{
    Issuer, Notice, applicant_name, application_zh, case_number, not_applicable, sentence, track_qr,
};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::authorizations::path_id;
use crate::state::AppState;

/// One notice about materials in the case's history.
struct MaterialsNotice<'a> {
    event: &'a Event,
    missing: &'a [MaterialCode],
    seen: &'a [SeenMaterial],
    /// Given with urgent acceptance (先行受理).
    urgent: bool,
}

/// Every notice about materials, oldest first.
fn notices(events: &[Event]) -> Vec<MaterialsNotice<'_>> {
    events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::SupplementRequested { missing, seen } => Some(MaterialsNotice {
                event: e,
                missing,
                seen,
                urgent: false,
            }),
            EventBody::UrgentlyAccepted { outstanding, .. } if !outstanding.is_empty() => {
                Some(MaterialsNotice {
                    event: e,
                    missing: outstanding,
                    seen: &[],
                    urgent: true,
                })
            }
            _ => None,
        })
        .collect()
}

/// The notice.
pub async fn get(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let case = PrintedCase::fetch(&state, &user, path_id(&id)?).await?;
    let all = notices(&case.record.events);
    let Some(latest) = all.last() else {
        return Ok(not_applicable(
            "补正材料告知书",
            "本案件未曾出具补正材料告知书（一次性告知）或补证通知书，无可打印的告知书。",
        ));
    };
    case.audit(&state, &user, "case.print_supplement_notice")
        .await?;
    let catalogue = state.reference.catalogue();
    let issuer = Issuer::of(&state, &case.household.place).await?;
    let earlier = (all.len() > 1).then(|| &all[0]);
    let number = case_number(case.id);
    let (title, subtitle, kind) = if latest.urgent {
        ("先行受理暨补证通知书", None, "补证")
    } else {
        ("补正材料告知书", Some("（一次性告知）"), "补")
    };
    let notice = Notice {
        kind: "supplement",
        title,
        subtitle,
        number: issuer.document_number(kind, latest.event.at, case.id),
        addressee: applicant_name(&case),
        body: body(&case, &catalogue, &issuer, latest, earlier),
        issuer: &issuer,
        issued: latest.event,
        qr: track_qr(&state, peer, &headers, &number),
    };
    Ok(notice.page(&case))
}

fn body(
    case: &PrintedCase,
    catalogue: &Catalogue,
    issuer: &Issuer,
    notice: &MaterialsNotice<'_>,
    earlier: Option<&MaterialsNotice<'_>>,
) -> String {
    let application = application_zh(case, catalogue);
    let on = date_zh(china_date(notice.event.at));
    let mut out = String::new();
    if notice.urgent {
        out.push_str(&format!(
            "<p>{}，因情况紧急，本窗口已于{}先行受理，转入办理程序。经审查，尚缺下列材料，\
             现一次性告知如下：</p>",
            escape(&application),
            escape(&on)
        ));
    } else {
        out.push_str(&format!(
            "<p>{}，经审查，申请材料尚不齐全或不符合要求。现将需要补正的全部材料一次性告知如下：</p>",
            escape(&application)
        ));
    }
    if let Some(first) = earlier {
        out.push_str(&format!(
            "<p data-field=\"follows\">本告知书是对本窗口{}所出具告知书的补充告知：\
             仅列明此后重新提交但仍不符合要求的材料，其余材料无需再次补正。</p>",
            escape(&date_zh(china_date(first.event.at)))
        ));
    }
    out.push_str(
        "<table class=\"grid materials\" data-field=\"materials\"><thead><tr><th>序号</th>\
         <th>材料名称</th><th>要求</th><th>情形</th></tr></thead><tbody>",
    );
    for (i, m) in notice.missing.iter().enumerate() {
        let (name, wanted) = catalogue.material(m).map_or_else(
            || (m.as_str().to_owned(), String::new()),
            |c| (c.name_zh.clone(), c.description_zh.clone()),
        );
        let handed_in = notice.seen.iter().any(|s| &s.material == m);
        out.push_str(&format!(
            "<tr><td class=\"no\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            escape(&name),
            escape(&wanted),
            if handed_in {
                "已提交，但不符合要求，请重新提交"
            } else {
                "未提交"
            }
        ));
    }
    out.push_str("</tbody></table>");
    if let Some(reason) = notice
        .event
        .reason
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        let label = if notice.urgent {
            "先行受理理由"
        } else {
            "审查意见"
        };
        out.push_str(&format!(
            "<p data-field=\"reason\">{label}：{}</p>",
            escape(&sentence(reason))
        ));
    }
    out.push_str(&format!(
        "<p data-field=\"where\">请您备齐上述材料后送交{}；也可以交由所在村（社区）帮办代办员代为提交，\
         或通过“救助通”上传。</p>",
        escape(&issuer.window())
    ));
    if notice.urgent {
        out.push_str(
            "<p data-field=\"clock\">先行受理后，办理时限自受理之日起照常计算；所缺材料补齐前，\
             相关救助事项可能无法作出最终决定，请尽快补齐。</p>",
        );
    } else {
        out.push_str(
            "<p data-field=\"clock\">补正期间，办理时限暂停计算，自您补齐材料之日起继续计算。\
             本告知书已列明需补正的全部材料，除所交材料内容发生变化外，本窗口不再要求补正其他材料。</p>",
        );
    }
    out
}
