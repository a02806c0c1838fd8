//! What a supplement notice (补正通知, the workflow's `RequestSupplement`) asks of the
//! applicant, read from the case's materials checklist completed against what the case needs
//! now (`domain::fieldwork::supplement::answer_sheet`: a material the notice lists because the
//! household or the items changed after the checklist was filled in is asked by photo too),
//! and the form on the case page that answers it: one photo per listed material (per member
//! where the material is per member), nothing else. The form is plain HTML (`multipart/form-data`) and the phone's camera opens
//! from it (`capture`); what was already received shows as received, so a refused photo costs
//! only itself.

use chrono::Utc;
use domain::catalogue::{Catalogue, MaterialCode};
use domain::clocks::china_date;
pub use domain::fieldwork::supplement::Asked;
use domain::fieldwork::supplement::answer_sheet;
use domain::fieldwork::{MaterialsRecord, required_for};
use domain::household::Household;
use domain::ids::MemberId;
use domain::workflow::CaseState;
use uuid::Uuid;

use super::mine::Mine;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::state::AppState;

/// The largest photo a resident may send from the page: a phone photo is 2 to 5 MB.
pub const MAX_PHOTO: usize = 10 * 1024 * 1024;

/// An open notice on one of the resident's own cases, with its checklist.
pub struct Notice {
    /// The case's checklist as stored, completed with a missing entry for each material the
    /// case requires now that it does not list: what the answer saves.
    pub checklist: MaterialsRecord,
    /// The checklist's stored version (the save's `base_version`).
    pub version: i64,
    /// What a photo answers.
    pub asked: Vec<Asked>,
    /// Listed, but not answered by a photo (the authorization is signed, not photographed).
    pub in_person: Vec<MaterialCode>,
}

/// The open notice on `m`, when it is the resident's own case waiting for materials and has
/// a checklist; `None` otherwise.
pub async fn open(state: &AppState, m: &Mine) -> Result<Option<Notice>, ApiError> {
    let case = &m.found.record.case;
    if !m.own || case.state() != CaseState::SupplementRequested {
        return Ok(None);
    }
    let Some(pause) = case
        .supplement_pauses()
        .last()
        .filter(|p| p.resubmitted_at.is_none())
        .cloned()
    else {
        return Ok(None);
    };
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT body, version FROM records WHERE kind = 'materials' AND id = $1")
            .bind(m.found.id.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    let Some((body, version)) = row else {
        return Ok(None);
    };
    let stored: MaterialsRecord =
        serde_json::from_str(&body).map_err(|e| ApiError::Internal(e.into()))?;
    // What the case requires now, as the save checks it (`sync::field_materials`): the
    // catalogue's materials for its items, its household as stored, today in Beijing.
    let required = required_for(
        &state.reference.catalogue(),
        case.requested_items(),
        &m.found.household,
        china_date(Utc::now()),
    );
    let sheet = answer_sheet(&pause, &stored, &required);
    Ok(Some(Notice {
        checklist: sheet.checklist,
        version,
        asked: sheet.asked,
        in_person: sheet.in_person,
    }))
}

/// The form, with `errors` (field name, message) at their fields.
pub fn render(
    lang: Lang,
    catalogue: &Catalogue,
    household: &Household,
    case: Uuid,
    notice: &Notice,
    errors: &[(String, String)],
) -> String {
    let name = |m: &MaterialCode| {
        catalogue.material(m).map_or_else(
            || m.as_str().to_owned(),
            |x| lang.t(&x.name_zh, &x.name_en).to_owned(),
        )
    };
    let whose = |member: Option<MemberId>| {
        member
            .and_then(|id| household.members.iter().find(|x| x.id == id))
            .map(|x| x.name.masked())
    };
    let mut out = format!(
        "<h2 id=\"supplement\">{}</h2><p>{}</p>",
        lang.t("请补交材料", "Please send the missing papers"),
        lang.t(
            "窗口还要下面这些材料。每样拍一张清楚的照片，再按“交上去”。",
            "The window still needs the papers below. Take one clear photo of each, then press \"Send\".",
        ),
    );
    let mut fields = String::new();
    for a in &notice.asked {
        let field = a.field();
        let id = format!("photo-{}", a.entry);
        let label = match whose(a.member) {
            Some(w) => format!("{}（{w}）", name(&a.material)),
            None => name(&a.material),
        };
        if a.done {
            fields.push_str(&format!(
                "<li class=\"received\"><span>{}</span> <strong class=\"done\">{}</strong></li>",
                escape(&label),
                lang.t("已收到 ✓", "Received ✓"),
            ));
            continue;
        }
        let error = errors.iter().find(|(f, _)| *f == field).map(|(_, e)| e);
        let described = match error {
            Some(_) => format!(" aria-describedby=\"{id}-error\" aria-invalid=\"true\""),
            None => String::new(),
        };
        fields.push_str(&format!(
            "<li><label for=\"{id}\">{label}</label>{error}\
             <input type=\"file\" id=\"{id}\" name=\"{field}\" accept=\"image/*\" capture=\"environment\" required{described}></li>",
            label = escape(&label),
            field = escape(&field),
            error = error.map_or_else(String::new, |e| format!(
                "<p class=\"alert\" id=\"{id}-error\" role=\"alert\">{}</p>",
                escape(e)
            )),
        ));
    }
    if !notice.in_person.is_empty() {
        let names: Vec<String> = notice.in_person.iter().map(name).collect();
        out.push_str(&format!(
            "<p class=\"hint\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!("{}不能拍照交，请找帮办员或到窗口办。", names.join("、")),
                Lang::En => format!(
                    "{} cannot be sent as a photo: ask your helper or go to the window.",
                    names.join(", ")
                ),
            })
        ));
    }
    let hint = lang.t(
        "只能交照片，每张不超过 10 MB。",
        "Photos only, at most 10 MB each.",
    );
    out.push_str(&format!(
        "<form class=\"ask\" method=\"post\" enctype=\"multipart/form-data\" action=\"{action}\">\
         <input type=\"hidden\" name=\"op\" value=\"{op}\"><input type=\"hidden\" name=\"op2\" value=\"{op2}\">\
         <ul class=\"photos\">{fields}</ul><p class=\"hint\">{hint}</p>\
         <button type=\"submit\">{submit}</button></form>",
        action = escape(&format!("/my/cases/{case}/supplement")),
        op = Uuid::now_v7(),
        op2 = Uuid::now_v7(),
        submit = lang.t("交上去", "Send"),
    ));
    out
}
