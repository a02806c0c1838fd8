//! `GET /admin`: the admin's index: staff accounts (人员账号, `/admin/staff`), the
//! jurisdiction tree (行政区划), the holiday notices (节假日通知) and the aid catalogue
//! (救助事项目录) with the county's own time limits, and the authorization texts (授权书文本).

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{Lang, LangQuery, admin_only, respond};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;

/// The index.
#[utoipa::path(get, path = "/admin", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    responses(
        (status = 200, description = "The administrator's index (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let links = [
        (
            "/admin/staff",
            "staff",
            lang.t("人员账号", "Staff accounts"),
            lang.t(
                "开通、停用账号，角色和所在区划",
                "Create and disable accounts; roles and places",
            ),
        ),
        (
            "/admin/places",
            "places",
            lang.t("行政区划", "Jurisdiction"),
            lang.t(
                "县、乡镇（街道）、村（社区），实有人口和帮办代办员配备",
                "County, townships, villages: population and helpers",
            ),
        ),
        (
            "/admin/notices",
            "notices",
            lang.t("节假日通知", "Holiday notices"),
            lang.t(
                "导入国务院办公厅每年的节假日安排，办理期限按工作日计算",
                "Load each year's State Council holiday notice; deadlines count working days",
            ),
        ),
        (
            "/admin/catalogue",
            "catalogue",
            lang.t("救助事项目录", "Aid catalogue"),
            lang.t(
                "各救助事项在本县的办理时限及其依据，设置本县时限",
                "Each aid item's time limit in this county and its source; set local limits",
            ),
        ),
        (
            "/admin/authorization-texts",
            "authorization-texts",
            lang.t("授权书文本", "Authorization texts"),
            lang.t(
                "家庭经济状况核对授权书的版本，导入新版本",
                "Versions of the economic check authorization; load a new one",
            ),
        ),
    ];
    let mut body = format!(
        "<h1>{}</h1><ul class=\"links\">",
        escape(lang.t("系统管理", "Administration"))
    );
    for (href, key, name, note) in links {
        body.push_str(&format!(
            "<li><a href=\"{}\" data-link=\"{key}\">{}<small>{}</small></a></li>",
            escape(&lang.link(href)),
            escape(name),
            escape(note)
        ));
    }
    body.push_str(&format!(
        "</ul><p class=\"hint\">{}</p>",
        escape(lang.t(
            "管理员维护账号和基础数据，不查看群众的户籍和申请资料。每次修改都记入审计日志。",
            "The administrator keeps accounts and reference data and reads no household data. Every change is audited.",
        ))
    ));
    Ok(respond(
        lang,
        StatusCode::OK,
        lang.t("系统管理", "Administration"),
        "/admin",
        &body,
    ))
}
