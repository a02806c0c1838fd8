//! Step 4: what will be sent — the items, the reason, which papers were photographed and which
//! the window's one notice will ask for — and the button, shown once every consent is signed
//! (or the household's authorization already holds).

use chrono::Utc;
use domain::authorization::unsigned;
use domain::catalogue::Catalogue;
use domain::clocks::china_date;

use super::draft::{Application, Draft};
use super::page::photo_fields;
use super::{Home, signing};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::state::AppState;

/// Step 4's content: what will be sent, and the button.
pub async fn review(
    state: &AppState,
    lang: Lang,
    catalogue: &Catalogue,
    home: &Home,
    d: &Draft,
    app: Option<&Application>,
) -> Result<String, ApiError> {
    let today = china_date(Utc::now());
    let names: Vec<String> = d
        .items
        .iter()
        .map(|i| {
            catalogue
                .item(&domain::catalogue::AidItemCode(i.clone()))
                .map_or_else(|| i.clone(), |x| lang.t(&x.name_zh, &x.name_en).to_owned())
        })
        .collect();
    let mut papers = String::new();
    for (field, label, _) in photo_fields(lang, catalogue, home, &d.items) {
        let have = d.photos.iter().any(|(f, _)| *f == field);
        papers.push_str(&format!(
            "<li>{}：{}</li>",
            escape(&label),
            if have {
                lang.t("已拍 ✓", "photographed ✓")
            } else {
                lang.t(
                    "没有拍（窗口会告诉您怎么补）",
                    "not yet (the window will tell you)",
                )
            }
        ));
    }
    let reused = signing::reusable(state, &home.household, today)
        .await?
        .is_some();
    let waiting: Vec<String> = match (reused, signing::plan(&home.household, today, d)) {
        (true, _) => Vec::new(),
        (false, Ok(plan)) => unsigned(&plan, &signing::signed(&plan, d))
            .iter()
            .map(|c| signing::masked(&home.household, c.member))
            .collect(),
        (false, Err(_)) => vec![lang.t("家里的成年人", "an adult").to_owned()],
    };
    let mut out = format!(
        "<dl class=\"facts\"><dt>{items_t}</dt><dd>{items}</dd><dt>{reason_t}</dt><dd>{reason}</dd></dl>\
         <h2>{papers_t}</h2><ul class=\"dots\">{papers}</ul>",
        items_t = lang.t("申请的救助", "Assistance"),
        items = escape(&names.join(lang.t("、", ", "))),
        reason_t = lang.t("家里的难处", "What is hard"),
        reason = escape(&d.reason),
        papers_t = lang.t("材料", "Papers"),
    );
    if !waiting.is_empty() {
        out.push_str(&format!(
            "<p class=\"alert\">{}</p><p><a href=\"{}\">{}</a></p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "还要等这几位签授权书：{}。签好了才能交。",
                    waiting.join("、")
                ),
                Lang::En => format!(
                    "Still to sign the authorization: {}. Then you can send.",
                    waiting.join(", ")
                ),
            }),
            escape(&lang.link("/my/apply?step=3")),
            lang.t("去签授权书", "Go and sign"),
        ));
        return Ok(out);
    }
    if app.is_some() {
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"/my/apply/submit\"><button type=\"submit\">{}</button></form>",
            lang.t("交申请", "Send the application")
        ));
    }
    Ok(out)
}
