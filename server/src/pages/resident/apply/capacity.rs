//! Step 3's choice for an adult of the household who cannot sign themselves (无民事行为能力或
//! 限制民事行为能力: dementia, an intellectual or mental disability): the resident ticks it and
//! picks who signs for them among the capable adults, or someone from outside the household
//! (不是家里人: name, ID number, own phone, relation, each checked at its field by
//! `domain::authorization::Outsider::parse` and never shown again in full)
//! (`POST /my/apply/capacity`), kept in the draft. The consent plan, the code step, the link and the sending then follow it; unticking
//! gives the member back their own signature. A signature already given that the new plan
//! no longer asks for (the member's own, or another guardian's) is dropped, and the page
//! says so; a signing link the new plan no longer has (the member's own, or the former
//! guardian's) is closed for good.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use domain::authorization::{Outsider, OutsiderField, guardians_for};
use domain::clocks::china_date;
use domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

use super::draft::{self, Draft, GuardianChoice, LimitedChoice};
use super::page::{AtFields, View, error_at, show};
use super::{Home, home, link_send, outside, signing};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::pages::resident::Resident;
use crate::state::AppState;

/// What the choice sends.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CapacityForm {
    /// The adult member the choice is about.
    pub member: Option<String>,
    /// Present (`on`) when ticked: a guardian signs for them.
    pub limited: Option<String>,
    /// Who signs for them: a capable adult of the household (their id), or `outside`:
    /// someone from outside it, given by the four fields below.
    pub guardian: Option<String>,
    /// The outside guardian's name.
    pub outside_name: Option<String>,
    /// The outside guardian's ID number.
    pub outside_id_number: Option<String>,
    /// The outside guardian's own mobile phone: their code goes there.
    pub outside_phone: Option<String>,
    /// What the outside guardian is to the member: 父亲, 母亲, 子女, 配偶, 兄弟姐妹, 其他亲属 or
    /// 其他监护人.
    pub outside_relation: Option<String>,
}

/// The value of the guardian choice for someone from outside the household.
pub const OUTSIDE: &str = "outside";

/// `POST /my/apply/capacity`.
#[utoipa::path(post, path = "/my/apply/capacity", tag = "pages",
    request_body(content = CapacityForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Kept: step 3 again (saying so when a signature was dropped)"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not an adult of the household, nobody capable could sign for them, or an outside guardian's detail is wrong (an ID number that is not one, a minor, the member themself, no phone): step 3 with the message at the field"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    Resident { user, lang }: Resident,
    form: Result<Form<CapacityForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let Some(home) = home(&state, user.user).await? else {
        return show(&state, &user, lang, StatusCode::NOT_FOUND, View::default()).await;
    };
    let Some(app) = draft::current(&state, user.user, home.household.id.0).await? else {
        let view = View {
            step: 1,
            ..View::default()
        };
        return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let today = china_date(Utc::now());
    let refuse_at = |errors: Vec<(String, String)>, as_typed: Vec<(String, String)>| {
        let view = View {
            step: 3,
            said: Some((
                false,
                lang.t("没有办成，请看标红的地方。", "Not done: see the marks.")
                    .to_owned(),
            )),
            errors,
            typed: None,
            as_typed,
        };
        show(&state, &user, lang, StatusCode::BAD_REQUEST, view)
    };
    let refuse =
        |n: usize, text: String| refuse_at(vec![(format!("capacity-{n}"), text)], Vec::new());
    let member = form
        .member
        .as_deref()
        .and_then(|m| Uuid::parse_str(m.trim()).ok());
    let Some(n) = member.and_then(|id| {
        home.household
            .members
            .iter()
            .position(|m| m.id.0 == id && m.id_number.is_adult(today))
    }) else {
        let text = lang.t(
            "请选一位成年的家人。",
            "Please choose an adult of the household.",
        );
        return refuse(0, text.to_owned()).await;
    };
    let member = home.household.members[n].id.0;
    let ticked = form
        .limited
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty());
    let field = |f: &Option<String>| f.as_deref().unwrap_or_default().trim().to_owned();
    let guardian = match form.guardian.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(OUTSIDE) => {
            let typed = (
                field(&form.outside_name),
                field(&form.outside_id_number),
                field(&form.outside_phone),
                field(&form.outside_relation),
            );
            let kept = app
                .draft
                .limited
                .iter()
                .find(|l| l.member == member)
                .and_then(|l| l.guardian.clone())
                .filter(|g| matches!(g, GuardianChoice::Outsider(_)));
            let blank = typed.0.is_empty() && typed.1.is_empty() && typed.2.is_empty();
            match kept {
                // Saved again without retyping: the outside guardian already chosen stays.
                Some(kept) if blank => Some(kept),
                _ => {
                    let parsed = Outsider::parse(
                        (&typed.0, &typed.1, &typed.2, &typed.3),
                        &home.household,
                        MemberId(member),
                        today,
                    );
                    match parsed {
                        Ok(o) => Some(GuardianChoice::Outsider(o)),
                        Err(errors) if ticked => {
                            let member = &home.household.members[n];
                            let errors = errors
                                .iter()
                                .map(|(f, e)| outside::refusal(lang, n, member, *f, e))
                                .collect();
                            // Put back as typed: the resident corrects, not retypes.
                            let as_typed = [
                                (OutsiderField::Name, &typed.0),
                                (OutsiderField::IdNumber, &typed.1),
                                (OutsiderField::Phone, &typed.2),
                                (OutsiderField::Relation, &typed.3),
                            ]
                            .into_iter()
                            .map(|(f, v)| (outside::field(n, f), v.clone()))
                            .collect();
                            return refuse_at(errors, as_typed).await;
                        }
                        Err(_) => None,
                    }
                }
            }
        }
        // A guardian that is no id at all is nobody of the household: refused as such.
        Some(g) => Some(GuardianChoice::Member(
            Uuid::parse_str(g).unwrap_or(Uuid::nil()),
        )),
    };
    let mut limited = app.draft.limited.clone();
    limited.retain(|l| l.member != member);
    if ticked {
        limited.push(LimitedChoice { member, guardian });
    }
    let trial = Draft {
        limited: limited.clone(),
        ..app.draft.clone()
    };
    let plan = match signing::plan(&home.household, today, &trial) {
        Ok(plan) => plan,
        Err(e) => return refuse(n, signing::plan_refusal(lang, &home.household, e)).await,
    };
    let mut dropped = 0;
    draft::update(&state, app.id, |d| {
        d.limited = limited;
        let before = d.signatures.len();
        d.signatures.retain(|s| {
            plan.iter()
                .any(|c| c.member.0 == s.member && c.signer.key() == s.signer)
        });
        dropped = before - d.signatures.len();
    })
    .await?;
    link_send::close_unplanned(&state, app.id, &plan).await?;
    let done = if dropped > 0 {
        "capacity-dropped"
    } else {
        "capacity"
    };
    Ok(Redirect::to(&lang.link(&format!("/my/apply?step=3&done={done}"))).into_response())
}

/// The choice for the `n`th member, `member`, an adult: ticked when the draft says a guardian
/// signs for them, with who — a capable adult of the household, or someone from outside it
/// (不是家里人: name, ID number, phone and relation; once saved shown masked only, and the
/// fields left empty keep them). `errors` are said at their fields.
pub fn choice(
    lang: Lang,
    home: &Home,
    (d, today): (&Draft, NaiveDate),
    (n, member): (usize, MemberId),
    (errors, as_typed): (&AtFields, &AtFields),
) -> String {
    let mine = d.limited.iter().find(|l| l.member == member.0);
    let candidates = guardians_for(&home.household, today, &d.limited(), member);
    let id = format!("capacity-{n}");
    let (error, attrs) = error_at(errors, &id);
    let outsider = mine.and_then(|l| match &l.guardian {
        Some(GuardianChoice::Outsider(o)) => Some(o),
        _ => None,
    });
    let chosen = mine
        .and_then(|l| match l.guardian {
            Some(GuardianChoice::Member(g)) => Some(MemberId(g)),
            _ => None,
        })
        .filter(|g| candidates.contains(g))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|g| *g == home.me.id)
                .or_else(|| candidates.first().copied())
        });
    let typed_outside = errors.iter().any(|(f, _)| f.starts_with(&format!("{id}-")));
    let outside_chosen = outsider.is_some() || typed_outside || candidates.is_empty();
    let mut options: String = candidates
        .iter()
        .map(|g| {
            let selected = if !outside_chosen && Some(*g) == chosen {
                " selected"
            } else {
                ""
            };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                g.0,
                escape(&signing::masked(&home.household, *g))
            )
        })
        .collect();
    options.push_str(&format!(
        "<option value=\"{OUTSIDE}\"{}>{}</option>",
        if outside_chosen { " selected" } else { "" },
        lang.t(
            "不是家里人（在下面填）",
            "Not in the household (fill in below)"
        ),
    ));
    let hint = if candidates.is_empty() {
        format!(
            "<p class=\"hint\">{}</p>",
            lang.t(
                "家里没有别的能自己签字的成年人可以代签，可以请家外的监护人签。",
                "Nobody else in the household who can sign could sign for them: a guardian from outside it can.",
            )
        )
    } else {
        String::new()
    };
    let outside = outside::fold_out(lang, n, outsider, outside_chosen, (errors, as_typed));
    format!(
        "<form class=\"ask capacity\" method=\"post\" action=\"/my/apply/capacity\">\
         <input type=\"hidden\" name=\"member\" value=\"{member}\">{error}\
         <label class=\"choice\" for=\"{id}\"><input type=\"checkbox\" id=\"{id}\" name=\"limited\" value=\"on\"{checked}{attrs}> {text}</label>\
         <label for=\"guardian-{n}\">{label}</label><select id=\"guardian-{n}\" name=\"guardian\">{options}</select>\
         {hint}{outside}<button type=\"submit\" class=\"secondary\">{save}</button></form>",
        member = member.0,
        checked = if mine.is_some() { " checked" } else { "" },
        text = lang.t(
            "这位家人自己不能签字（例如患有痴呆、智力或精神残疾），由监护人代签",
            "This person cannot sign for themselves (for example dementia, an intellectual or mental disability): a guardian signs",
        ),
        label = lang.t("打了勾的话，由谁代签？", "If ticked, who signs for them?"),
        save = lang.t("保存这一项", "Save this choice"),
    )
}
