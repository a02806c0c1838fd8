//! `GET /public/items/{code}?place=…`: one aid item explained for a resident — who can apply,
//! what to bring, how long it takes (working days, with the rule that sets the limit or "local
//! default"), who decides, and where to ask. The catalogue's conditions and material notes
//! exist in Chinese only: an English page shows them in Chinese, marked as such.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::catalogue::{AidItem, Catalogue, MaterialCondition, MaterialScope};
use domain::jurisdiction::PlaceCode;

use super::contacts;
use super::items_page::{ItemsQuery, where_to_ask_html};
use super::layout::{Lang, escape, lang_of, page, respond};
use crate::error::ApiError;
use crate::state::AppState;

/// The page; 404 with a link back to the list for an unknown item.
pub async fn get(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    query: Result<Query<ItemsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = lang_of(query.lang.as_deref(), &headers);
    let catalogue = state.reference.catalogue();
    let place = match query
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => contacts::where_to_ask(&state, p).await?,
        None => None,
    };
    let Some(item) = catalogue.items().iter().find(|i| i.code.as_str() == code) else {
        let body = format!(
            "<h1>{}</h1><p><a href=\"{}\">{}</a></p>",
            lang.t("没有这个救助事项", "No such aid item"),
            escape(&lang.link("/public/items")),
            lang.t("看全部救助事项", "See every aid item")
        );
        let title = lang.t("没有这个事项", "No such item");
        return Ok(respond(
            StatusCode::NOT_FOUND,
            page(lang, title, "/public/items", &body),
            false,
        ));
    };
    let mut body = format!("<h1>{}</h1>", escape(lang.t(&item.name_zh, &item.name_en)));
    body.push_str(&conditions(lang, item));
    body.push_str(&materials(lang, &catalogue, item));
    body.push_str(&time_limit(
        lang,
        &catalogue,
        item,
        place.as_ref().map(|p| &p.place),
    ));
    match &place {
        Some(p) => body.push_str(&where_to_ask_html(lang, p)),
        None => body.push_str(&format!(
            "<p class=\"box\"><a href=\"{}\">{}</a></p>",
            escape(&lang.link("/public/items")),
            lang.t(
                "选您住的村（社区），看在哪里办、找谁帮忙",
                "Choose your village to see where to apply and who helps"
            )
        )),
    }
    body.push_str(&format!(
        "<p class=\"hint\">{}：{}</p>",
        lang.t("政策依据", "Legal basis"),
        zh_text(lang, &item.legal_basis)
    ));
    let here = match &place {
        Some(p) => format!("/public/items/{code}?place={}", p.place.as_str()),
        None => format!("/public/items/{code}"),
    };
    let title = lang.t(&item.name_zh, &item.name_en).to_owned();
    Ok(respond(
        StatusCode::OK,
        page(lang, &title, &here, &body),
        false,
    ))
}

/// Chinese-only catalogue text, marked as Chinese on an English page.
fn zh_text(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => escape(text),
        Lang::En => format!("<span lang=\"zh-CN\">{}</span>", escape(text)),
    }
}

fn conditions(lang: Lang, item: &AidItem) -> String {
    format!(
        "<h2>{}</h2>{}",
        lang.t("谁可以申请", "Who can apply"),
        condition_list(lang, item)
    )
}

/// The item's conditions in plain words, as a list (also the online application's choice of
/// items, `/my/apply`).
pub(crate) fn condition_list(lang: Lang, item: &AidItem) -> String {
    let mut out = "<ul class=\"dots\">".to_owned();
    for c in &item.conditions_zh {
        out.push_str(&format!("<li>{}</li>", zh_text(lang, c)));
    }
    out.push_str("</ul>");
    out
}

fn materials(lang: Lang, catalogue: &Catalogue, item: &AidItem) -> String {
    let mut out = format!(
        "<h2>{}</h2><p class=\"hint\">{}</p><ul class=\"dots\">",
        lang.t("要带的材料", "What to bring"),
        lang.t(
            "带原件就行。缺了也不要紧，窗口会一次写清楚还差什么。",
            "Bring the originals. If something is missing, the window lists all of it at once."
        )
    );
    for r in &item.materials {
        let Some(m) = catalogue.material(&r.material) else {
            continue;
        };
        let whom = match r.scope {
            MaterialScope::Household => lang.t("全家一份", "one for the household"),
            MaterialScope::PerMember => lang.t("每个家庭成员一份", "one per family member"),
            MaterialScope::PerAdultMember => {
                lang.t("每个成年家庭成员一份", "one per adult family member")
            }
        };
        let when = r.condition.map(|c| match c {
            MaterialCondition::HasDisability => lang.t(
                "有残疾证的才要",
                "only for a member with a disability certificate",
            ),
            MaterialCondition::HasIllness => lang.t("有病的才要", "only for a member who is ill"),
            MaterialCondition::IsStudent => lang.t("上学的才要", "only for a student"),
            MaterialCondition::Unemployed => {
                lang.t("没有工作的才要", "only for a member out of work")
            }
            MaterialCondition::HasHousingDamage => {
                lang.t("房屋受损的才要", "only if the home is damaged")
            }
        });
        out.push_str(&format!(
            "<li><strong>{}</strong>（{}{}）<br>{}</li>",
            escape(lang.t(&m.name_zh, &m.name_en)),
            whom,
            when.map_or(String::new(), |w| format!("，{w}")),
            zh_text(lang, &m.description_zh)
        ));
    }
    out.push_str("</ul>");
    let checked: Vec<String> = item
        .department_checks
        .iter()
        .filter_map(|c| catalogue.material(c))
        .map(|m| escape(lang.t(&m.name_zh, &m.name_en)))
        .collect();
    if !checked.is_empty() {
        out.push_str(&format!(
            "<p>{}{}</p>",
            lang.t(
                "这些证明不用您去开，部门自己查：",
                "You need not bring these certificates: the department checks them itself: "
            ),
            checked.join("、")
        ));
    }
    out
}

fn time_limit(
    lang: Lang,
    catalogue: &Catalogue,
    item: &AidItem,
    place: Option<&PlaceCode>,
) -> String {
    let limit = place
        .and_then(|p| catalogue.time_limit(&item.code, p))
        .unwrap_or(item.time_limit);
    let source = place
        .and_then(|p| catalogue.time_limit_source(&item.code, p))
        .unwrap_or_else(|| item.time_limit_source.clone());
    let department = catalogue
        .department(&item.lead_department)
        .map_or(item.lead_department.as_str(), |d| {
            lang.t(&d.name_zh, &d.name_en)
        });
    let mut out = format!(
        "<h2>{}</h2><p>{}</p>",
        lang.t("多久办完", "How long it takes"),
        escape(&match lang {
            Lang::Zh => format!(
                "窗口收下申请（受理）后，{department}在 {} 个工作日内办完。",
                limit.days
            ),
            Lang::En => format!(
                "Once the window accepts the application, {department} decides within {} working days.",
                limit.days
            ),
        })
    );
    if limit.extension_days > 0 {
        out.push_str(&format!(
            "<p>{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "情况复杂的，最多可以再延长 {} 个工作日，会说明原因。",
                    limit.extension_days
                ),
                Lang::En => format!(
                    "A complex case may take up to {} more working days, with the reason given.",
                    limit.extension_days
                ),
            })
        ));
    }
    if let Some(days) = item.public_notice_days {
        out.push_str(&format!(
            "<p>{}</p>",
            escape(&match lang {
                Lang::Zh => format!("批准后，要在村里张榜公示 {days} 天。"),
                Lang::En => format!("Once approved, it is posted in the village for {days} days."),
            })
        ));
    }
    out.push_str(&format!(
        "<p class=\"hint\">{}</p><p class=\"hint\">{}：{}</p>",
        lang.t(
            "工作日：不算周六、周日和法定节假日。补交材料的日子不算在内。",
            "Working days leave out weekends and public holidays, and the days spent bringing missing papers."
        ),
        lang.t("时限依据", "Source of the time limit"),
        match lang {
            Lang::Zh => escape(source.label_zh()),
            Lang::En => match source {
                domain::catalogue::LimitSource::Policy(s) => zh_text(lang, &s),
                domain::catalogue::LimitSource::LocalDefault => {
                    "a local default, still to be confirmed".to_owned()
                }
            },
        }
    ));
    out
}
