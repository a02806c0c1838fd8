//! `GET /admin/staff[?township=CODE][&role=CODE][&lang=en]`: the staff accounts of the admin's
//! jurisdiction with the roster's columns, filtered by township and role.

use std::fmt::Write;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::identity::{mask_id_number, mask_phone};
use domain::jurisdiction::PlaceCode;
use domain::role::Role;
use domain::staff::StaffCategory;
use serde::Deserialize;

use super::{Place, admin_place, lang, page, places_under, role_name};
use crate::accounts::staff::list_under;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::pages::public::Lang;
use crate::state::AppState;

/// The filters.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// A township's code; all when blank.
    pub township: Option<String>,
    /// A role's code; all when blank.
    pub role: Option<String>,
    /// `en` for English.
    pub lang: Option<String>,
}

/// The list.
#[utoipa::path(get, path = "/admin/staff", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("township" = Option<String>, Query, description = "A township's code"), ("role" = Option<String>, Query, description = "A role's code")),
    responses(
        (status = 200, description = "The staff accounts in reach, with the roster's columns (masked) (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let home = admin_place(&user)?;
    let lang = lang(q.lang.as_deref(), &headers);
    let places = places_under(&state, &home).await?;
    let township = q
        .township
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .and_then(|t| PlaceCode::parse(t).ok())
        .filter(|t| home.contains(t));
    let role = q.role.as_deref().and_then(Role::from_code);
    let accounts = list_under(&state.db, township.as_ref().unwrap_or(&home)).await?;
    let name_of = |code: Option<PlaceCode>| -> String {
        code.and_then(|c| places.iter().find(|p| p.code == c.as_str()))
            .map_or_else(String::new, |p| p.name(lang).to_owned())
    };
    let t = |zh, en| lang.t(zh, en);
    let mut body = format!(
        "<h1>{}</h1><p class=\"actions\"><a class=\"button\" href=\"{}\" data-action=\"new\">{}</a></p>",
        t("工作人员账号", "Staff accounts"),
        escape(&lang.link("/admin/staff/new")),
        t("新增账号", "Add an account"),
    );
    let _ = write!(
        body,
        "<p class=\"actions\"><a href=\"{}\" data-action=\"import\">{}</a></p>",
        escape(&lang.link("/admin/staff/import")),
        t("从 CSV 文件导入", "Import from a CSV file"),
    );
    filters(&mut body, lang, &places, township.as_ref(), role);
    let heads = [
        t("乡镇（街道）", "Township"),
        t("村（社区）", "Village"),
        t("姓名", "Name"),
        t("身份证号码", "ID number"),
        t("电话", "Phone"),
        t("人员类别", "Category"),
        t("账号", "Sign-in name"),
        t("角色", "Role"),
        t("状态", "Status"),
    ];
    body.push_str(
        "<div class=\"scroll\"><table class=\"staff\" data-field=\"accounts\"><thead><tr>",
    );
    for h in heads {
        let _ = write!(body, "<th scope=\"col\">{h}</th>");
    }
    body.push_str("</tr></thead><tbody>");
    let mut shown = 0;
    for a in accounts
        .iter()
        .filter(|a| role.is_none_or(|r| r.code() == a.role))
    {
        shown += 1;
        let place = PlaceCode::parse(&a.place).ok();
        let category = a
            .category
            .as_deref()
            .and_then(StaffCategory::from_code)
            .map_or("", |c| lang.t(c.label_zh(), c.label_en()));
        let status = if a.disabled {
            t("已停用", "Disabled")
        } else if a.must_change {
            t("待改初始密码", "Must change password")
        } else {
            t("正常", "Active")
        };
        let _ = write!(
            body,
            "<tr data-username=\"{u}\"{cls}><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td>\
             <td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{u}</td>\
             <td>{}</td><td data-field=\"status\">{}</td></tr>",
            escape(&name_of(place.as_ref().and_then(PlaceCode::township))),
            escape(&name_of(place.as_ref().and_then(PlaceCode::village))),
            escape(&lang.link(&format!("/admin/staff/{}", a.id))),
            escape(&a.display_name),
            escape(
                &a.id_number
                    .as_deref()
                    .map(mask_id_number)
                    .unwrap_or_default()
            ),
            escape(&a.phone.as_deref().map(mask_phone).unwrap_or_default()),
            escape(category),
            escape(&role_name(lang, &a.role)),
            status,
            u = escape(&a.username),
            cls = if a.disabled {
                " class=\"disabled\""
            } else {
                ""
            },
        );
    }
    body.push_str("</tbody></table></div>");
    let _ = write!(
        body,
        "<p class=\"small\">{} {shown}. {}</p>",
        t("共", "Accounts:"),
        t(
            "身份证号码和电话已作遮挡；点姓名修改、停用或重置密码。",
            "ID numbers and phones are masked; open a name to edit, disable or reset the password."
        ),
    );
    Ok(page(
        lang,
        t("工作人员账号", "Staff accounts"),
        "/admin/staff",
        &body,
    ))
}

fn filters(
    out: &mut String,
    lang: Lang,
    places: &[Place],
    township: Option<&PlaceCode>,
    role: Option<Role>,
) {
    let t = |zh, en| lang.t(zh, en);
    let _ = write!(
        out,
        "<form class=\"filters\" method=\"get\" action=\"/admin/staff\">\
         <label>{}<select name=\"township\"><option value=\"\">{}</option>",
        t("乡镇（街道）", "Township"),
        t("全部", "All"),
    );
    for p in places.iter().filter(|p| p.level == "township") {
        let selected = township.is_some_and(|t| t.as_str() == p.code);
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{}</option>",
            escape(&p.code),
            if selected { " selected" } else { "" },
            escape(p.name(lang)),
        );
    }
    let _ = write!(
        out,
        "</select></label><label>{}<select name=\"role\"><option value=\"\">{}</option>",
        t("角色", "Role"),
        t("全部", "All"),
    );
    for r in Role::ALL.into_iter().filter(|r| *r != Role::Resident) {
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{}</option>",
            r.code(),
            if role == Some(r) { " selected" } else { "" },
            escape(&role_name(lang, r.code())),
        );
    }
    out.push_str("</select></label>");
    if lang == Lang::En {
        out.push_str("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    }
    let _ = write!(
        out,
        "<button type=\"submit\">{}</button></form>",
        t("筛选", "Filter")
    );
}
