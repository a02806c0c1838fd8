//! `GET /public/items?place=…`: the aid items (服务事项清单) a resident can apply for, after
//! choosing their township or village from a plain list (no map), with where to ask there.
//! Every item is offered in every place; a place changes its time limits (a county's or a
//! province's rule) and where to ask.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::catalogue::ItemKind;
use domain::jurisdiction::{Level, PlaceCode};
use serde::Deserialize;

use super::contacts::{self, WhereToAsk};
use super::layout::{Lang, escape, lang_of, page, respond};
use crate::error::ApiError;
use crate::state::AppState;

/// The query: the chosen place and the language, both optional.
#[derive(Debug, Default, Deserialize)]
pub struct ItemsQuery {
    /// A township's or village's code.
    pub place: Option<String>,
    /// `en` for English.
    pub lang: Option<String>,
}

/// The page.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ItemsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = lang_of(query.lang.as_deref(), &headers);
    let chosen = query
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let place = match chosen {
        Some(code) => contacts::where_to_ask(&state, code).await?,
        None => None,
    };
    let choices = contacts::choices(&state).await?;
    let mut body = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        lang.t("可以申请的社会救助", "Social assistance you can apply for"),
        lang.t(
            "先选您住的村或社区。再点一个事项，看谁能申请、要带什么、多久办完。",
            "First choose your village or community. Then open an item to see who can apply, what to bring and how long it takes."
        ),
    );
    body.push_str(&place_form(
        lang,
        &choices,
        place.as_ref().map(|p| &p.place),
    ));
    if chosen.is_some() && place.is_none() {
        body.push_str(&format!(
            "<p class=\"alert\" role=\"alert\">{}</p>",
            lang.t(
                "没有找到这个地方，请从列表里选。",
                "This place is unknown: choose from the list."
            )
        ));
    }
    if let Some(p) = &place {
        body.push_str(&where_to_ask_html(lang, p));
    }
    body.push_str(&items_html(&state, lang, place.as_ref().map(|p| &p.place)));
    let here = match &place {
        Some(p) => format!("/public/items?place={}", p.place.as_str()),
        None => "/public/items".to_owned(),
    };
    let status = if chosen.is_some() && place.is_none() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    let title = lang.t("社会救助事项", "Social assistance items");
    Ok(respond(status, page(lang, title, &here, &body), false))
}

fn place_form(lang: Lang, choices: &[contacts::PlaceChoice], chosen: Option<&PlaceCode>) -> String {
    let mut options = format!("<option value=\"\">{}</option>", lang.t("请选择", "Choose"));
    let mut open = false;
    for c in choices {
        let name = match lang {
            Lang::Zh => &c.name_zh,
            Lang::En => &c.name_en,
        };
        let selected = if chosen.is_some_and(|p| p.as_str() == c.code) {
            " selected"
        } else {
            ""
        };
        if c.level == Level::Township {
            if open {
                options.push_str("</optgroup>");
            }
            options.push_str(&format!("<optgroup label=\"{}\">", escape(name)));
            open = true;
            options.push_str(&format!(
                "<option value=\"{}\"{selected}>{}（{}）</option>",
                escape(&c.code),
                escape(name),
                lang.t("整个乡镇/街道", "whole township")
            ));
        } else {
            options.push_str(&format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(&c.code),
                escape(name)
            ));
        }
    }
    if open {
        options.push_str("</optgroup>");
    }
    let lang_field = match lang {
        Lang::En => "<input type=\"hidden\" name=\"lang\" value=\"en\">",
        Lang::Zh => "",
    };
    format!(
        "<form class=\"ask\" method=\"get\" action=\"/public/items\">\
         <label for=\"place\">{}</label><select id=\"place\" name=\"place\">{options}</select>\
         {lang_field}<button type=\"submit\">{}</button></form>",
        lang.t("您住在哪个村（社区）？", "Where do you live?"),
        lang.t("查看", "Show")
    )
}

/// Where a resident of the chosen place asks and hands in an application.
pub fn where_to_ask_html(lang: Lang, p: &WhereToAsk) -> String {
    let (place, township) = match lang {
        Lang::Zh => (&p.name_zh, &p.township_zh),
        Lang::En => (&p.name_en, &p.township_en),
    };
    let mut out = format!(
        "<section class=\"box\" aria-labelledby=\"ask\"><h2 id=\"ask\">{}</h2><p>{}：<strong>{}</strong></p>",
        lang.t("在哪里问、在哪里交", "Where to ask and apply"),
        lang.t("您选的地方", "Your place"),
        escape(place),
    );
    out.push_str(&format!(
        "<p>{} <strong>{}</strong>{}</p>",
        lang.t("到", "Go to the"),
        escape(&match lang {
            Lang::Zh => format!("{township}社会救助受理窗口"),
            Lang::En => format!("social assistance window of {township}"),
        }),
        lang.t(
            "。窗口会一次告诉您缺什么材料。",
            ". The window tells you at once everything that is missing."
        ),
    ));
    if !p.helpers.is_empty() {
        out.push_str(&format!(
            "<p>{}<strong>{}</strong>{}</p>",
            lang.t("也可以找村里的帮办代办员：", "Or ask your village's helper: "),
            escape(&p.helpers.join("、")),
            lang.t(
                "。帮办员免费帮您填表、交材料，还可以上门。请到村（社区）委会问联系电话。",
                ". Helpers fill in forms and hand in papers for you, free, and can come to your home. Ask the village committee for their phone number."
            ),
        ));
    }
    out.push_str("</section>");
    out
}

fn items_html(state: &AppState, lang: Lang, place: Option<&PlaceCode>) -> String {
    let catalogue = state.reference.catalogue();
    let mut out = format!(
        "<h2>{}</h2><ul class=\"cards\">",
        lang.t("救助事项", "Aid items")
    );
    for item in catalogue.items() {
        let limit = place.map_or(Some(item.time_limit), |p| {
            catalogue.time_limit(&item.code, p)
        });
        let link = match place {
            Some(p) => format!("/public/items/{}?place={}", item.code.as_str(), p.as_str()),
            None => format!("/public/items/{}", item.code.as_str()),
        };
        let kind = match item.kind {
            ItemKind::Aid => "",
            ItemKind::Status => lang.t("（家庭认定）", " (family status)"),
        };
        let days = limit.map_or(String::new(), |l| match lang {
            Lang::Zh => format!("部门 {} 个工作日内办完", l.days),
            Lang::En => format!("Decided within {} working days", l.days),
        });
        let name = match lang {
            Lang::Zh => &item.name_zh,
            Lang::En => &item.name_en,
        };
        out.push_str(&format!(
            "<li><a href=\"{}\"><strong>{}{kind}</strong>{}</a></li>",
            escape(&lang.link(&link)),
            escape(name),
            escape(&days)
        ));
    }
    out.push_str("</ul>");
    out
}
