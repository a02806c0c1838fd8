//! `GET /admin/catalogue`: the aid catalogue's items (read-only) with the decision time limit
//! that applies in the admin's county (a local rule where one exists, else the national one)
//! and where each limit comes from, so the admin sees which are still 本地默认，待确认.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{Lang, LangQuery, admin_only, respond};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::state::AppState;

/// The catalogue.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let catalogue = state.reference.catalogue();
    let county = user.actor.place.county();
    let mut body = format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        escape(lang.t("救助事项目录", "Aid catalogue")),
        escape(&match lang {
            Lang::Zh => format!(
                "目录第 {} 版（{}）。时限按工作日计，适用于本县（{}）。只读：目录随版本发布。",
                catalogue.data().version,
                catalogue.data().source,
                county.as_str()
            ),
            Lang::En => format!(
                "Catalogue version {} ({}). Limits in working days, as they apply in this county ({}). Read-only: the catalogue ships with the release.",
                catalogue.data().version,
                catalogue.data().source,
                county.as_str()
            ),
        })
    );
    body.push_str(&format!(
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"catalogue\"><thead><tr>",
        escape(lang.t("救助事项", "Aid items"))
    ));
    for h in [
        lang.t("事项", "Item"),
        lang.t("牵头部门", "Lead department"),
        lang.t("办理时限", "Time limit"),
        lang.t("可延长", "Extension"),
        lang.t("时限依据", "Source of the limit"),
        lang.t("公示天数", "Public notice days"),
    ] {
        body.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    body.push_str("</tr></thead><tbody>");
    for item in catalogue.items() {
        let limit = catalogue
            .time_limit(&item.code, &county)
            .unwrap_or(item.time_limit);
        let source = catalogue
            .time_limit_source(&item.code, &county)
            .unwrap_or_else(|| item.time_limit_source.clone());
        let department = catalogue.department(&item.lead_department).map_or_else(
            || item.lead_department.as_str().to_owned(),
            |d| {
                if lang == Lang::En {
                    d.name_en.clone()
                } else {
                    d.name_zh.clone()
                }
            },
        );
        let name = if lang == Lang::En {
            &item.name_en
        } else {
            &item.name_zh
        };
        body.push_str(&format!(
            "<tr data-item=\"{code}\"><td>{}</td><td>{}</td><td class=\"num\" data-field=\"days\">{}</td>\
             <td class=\"num\">{}</td><td data-field=\"source\">{}</td><td class=\"num\">{}</td></tr>",
            escape(name),
            escape(&department),
            limit.days,
            limit.extension_days,
            escape(source.label_zh()),
            item.public_notice_days.map(|d| d.to_string()).unwrap_or_default(),
            code = escape(item.code.as_str()),
        ));
    }
    body.push_str("</tbody></table></div>");
    Ok(respond(
        lang,
        StatusCode::OK,
        lang.t("救助事项目录", "Aid catalogue"),
        "/admin/catalogue",
        &body,
    ))
}
