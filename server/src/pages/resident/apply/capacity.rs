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
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use domain::authorization::{
    OUTSIDER_RELATIONS, Outsider, OutsiderError, OutsiderField, guardians_for,
};
use domain::clocks::china_date;
use domain::household::Member;
use domain::identity::IdNumberError;
use domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

use super::draft::{self, Draft, GuardianChoice, LimitedChoice};
use super::page::{AtFields, View, error_at, show};
use super::{Home, home, link_send, signing};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::pages::resident::{lang, resident};
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
    headers: HeaderMap,
    user: Result<CurrentUser, ApiError>,
    form: Result<Form<CapacityForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
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
                                .map(|(f, e)| outsider_refusal(lang, n, member, *f, e))
                                .collect();
                            // Put back as typed: the resident corrects, not retypes.
                            let as_typed = [
                                (OutsiderField::Name, &typed.0),
                                (OutsiderField::IdNumber, &typed.1),
                                (OutsiderField::Phone, &typed.2),
                                (OutsiderField::Relation, &typed.3),
                            ]
                            .into_iter()
                            .map(|(f, v)| (outsider_field(n, f), v.clone()))
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

/// The field of the `n`th member's choice an outside guardian's detail is typed in.
fn outsider_field(n: usize, f: OutsiderField) -> String {
    let f = match f {
        OutsiderField::Name => "name",
        OutsiderField::IdNumber => "id",
        OutsiderField::Phone => "phone",
        OutsiderField::Relation => "relation",
    };
    format!("capacity-{n}-{f}")
}

/// Why an outside guardian's detail is refused, at its field, in plain words.
fn outsider_refusal(
    lang: Lang,
    n: usize,
    member: &Member,
    f: OutsiderField,
    e: &OutsiderError,
) -> (String, String) {
    let text = match e {
        OutsiderError::Name(_) => lang
            .t(
                "请填监护人的姓名，和身份证上的一样。",
                "Please give the guardian's name as on the ID card.",
            )
            .to_owned(),
        OutsiderError::IdNumber(IdNumberError::Length { found }) => match lang {
            Lang::Zh => format!("身份证号是 18 位，这里填了 {found} 位。"),
            Lang::En => format!("An ID number has 18 characters; this one has {found}."),
        },
        OutsiderError::IdNumber(_) => lang
            .t(
                "这个身份证号不对，请对着身份证再看一遍（最后一位可能是 X）。",
                "This ID number is not right: check it against the card (the last one may be X).",
            )
            .to_owned(),
        OutsiderError::Minor => lang
            .t("监护人要满 18 岁。", "The guardian must be 18 or older.")
            .to_owned(),
        OutsiderError::TheMember => match lang {
            Lang::Zh => format!(
                "这是 {} 本人的身份证号。请填替他签字的人的。",
                member.name.masked()
            ),
            Lang::En => format!(
                "This is {}'s own ID number. Please give the guardian's.",
                member.name.masked()
            ),
        },
        OutsiderError::InHousehold => lang
            .t(
                "这位是家里人，请在“由谁代签”里直接选他。",
                "This person is in the household: choose them in the list instead.",
            )
            .to_owned(),
        OutsiderError::Phone(_) => lang
            .t(
                "请填监护人自己的手机号（11 位），验证码会发到这个手机上。",
                "Please give the guardian's own mobile number (11 digits): the code goes there.",
            )
            .to_owned(),
        OutsiderError::Relation => lang
            .t(
                "请选监护人是这位家人的什么人。",
                "Please choose what the guardian is to this person.",
            )
            .to_owned(),
    };
    (outsider_field(n, f), text)
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
    let now = match outsider {
        Some(o) => format!(
            "<p class=\"hint\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "现在由家外的监护人 {}（{}，身份证 {}，手机 {}）代签。要换人才重新填。",
                    o.name.masked(),
                    o.relation,
                    o.id_number.masked(),
                    o.phone.masked()
                ),
                Lang::En => format!(
                    "Now signed for by {} from outside the household ({}, ID {}, phone {}). Fill in again only to change.",
                    o.name.masked(),
                    o.relation,
                    o.id_number.masked(),
                    o.phone.masked()
                ),
            })
        ),
        None => String::new(),
    };
    let typed = |fid: &str| {
        as_typed
            .iter()
            .find(|(f, _)| f == fid)
            .map(|(_, v)| v.as_str())
    };
    let input = |f: OutsiderField, name: &str, label: &str, extra: &str| {
        let fid = outsider_field(n, f);
        let (error, attrs) = error_at(errors, &fid);
        let value = typed(&fid).map_or_else(String::new, |v| format!(" value=\"{}\"", escape(v)));
        format!(
            "<label for=\"{fid}\">{label}</label>{error}<input id=\"{fid}\" name=\"{name}\" type=\"text\"{extra}{value}{attrs}>"
        )
    };
    let relation = {
        let fid = outsider_field(n, OutsiderField::Relation);
        let (error, attrs) = error_at(errors, &fid);
        let options: String = OUTSIDER_RELATIONS
            .iter()
            .map(|r| {
                let selected = if typed(&fid) == Some(r) {
                    " selected"
                } else {
                    ""
                };
                format!("<option value=\"{r}\"{selected}>{r}</option>")
            })
            .collect();
        format!(
            "<label for=\"{fid}\">{label}</label>{error}<select id=\"{fid}\" name=\"outside_relation\"{attrs}>{options}</select>",
            label = lang.t("他是这位家人的", "What they are to this person"),
        )
    };
    let outside = format!(
        "<details class=\"outside\"{open}><summary>{summary}</summary>{now}<fieldset><legend>{legend}</legend>{name}{idn}{phone}{relation}</fieldset></details>",
        open = if outside_chosen { " open" } else { "" },
        summary = lang.t(
            "监护人不是家里人？点开填",
            "The guardian is not in the household? Open to fill in",
        ),
        legend = lang.t(
            "选了“不是家里人”的话，填监护人的：",
            "If not in the household, the guardian's:",
        ),
        name = input(
            OutsiderField::Name,
            "outside_name",
            lang.t("姓名", "Name"),
            " autocomplete=\"off\""
        ),
        idn = input(
            OutsiderField::IdNumber,
            "outside_id_number",
            lang.t("身份证号", "ID number"),
            " autocomplete=\"off\" maxlength=\"18\""
        ),
        phone = input(
            OutsiderField::Phone,
            "outside_phone",
            lang.t(
                "手机号（验证码发到这里）",
                "Mobile phone (the code goes there)"
            ),
            " inputmode=\"tel\" autocomplete=\"off\""
        ),
    );
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
