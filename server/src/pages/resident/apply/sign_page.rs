//! Step 3's page: every consent of the household with who signs it, each signed one marked,
//! and for the others the forms of [`super::sign`] — a code to the signer's phone, the pad, and
//! for a signer other than the applicant (an adult, or a guardian of the household) the
//! text-message link to sign on their own phone.

use chrono::{NaiveDate, Utc};
use domain::authorization::{Consent, Signer, unsigned};
use domain::clocks::china_date;
use uuid::Uuid;

use super::draft::{Application, Draft, Signed};
use super::page::AtFields;
use super::{Home, capacity, link_send, signing};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::state::AppState;

/// Step 3's content.
pub async fn step(
    state: &AppState,
    lang: Lang,
    home: &Home,
    app: Option<&Application>,
    (errors, as_typed): (&AtFields, &AtFields),
) -> Result<String, ApiError> {
    let today = china_date(Utc::now());
    let next = format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape(&lang.link("/my/apply?step=4")),
        lang.t("下一步：交申请", "Next: send")
    );
    if let Some(records) = signing::reusable(state, &home.household, today).await? {
        let until = records.iter().map(|r| r.valid_until).min().unwrap_or(today);
        return Ok(format!(
            "<p class=\"done\">{}</p>{next}",
            escape(&match lang {
                Lang::Zh => format!(
                    "您家已经签过授权书，到 {} 都有效。这次不用再签。",
                    until.format("%Y年%m月%d日")
                ),
                Lang::En => format!(
                    "Your household's authorization holds until {until}. No need to sign again."
                ),
            })
        ));
    }
    let d = app.map(|a| a.draft.clone()).unwrap_or_default();
    let plan = match signing::plan(&home.household, today, &d) {
        Ok(plan) => plan,
        Err(e) => {
            // Nobody could sign as the choices stand: say so, and keep the choices at hand
            // so that the resident can change them.
            let mut out = format!(
                "<p class=\"alert\" role=\"alert\">{}</p><ul class=\"plain signers\">",
                escape(&signing::plan_refusal(lang, &home.household, e))
            );
            for (n, m) in home.household.members.iter().enumerate() {
                if m.id_number.is_adult(today) {
                    out.push_str(&format!(
                        "<li><h2 class=\"signer\">{}</h2>{}</li>",
                        escape(&m.name.masked()),
                        capacity::choice(lang, home, (&d, today), (n, m.id), (errors, as_typed))
                    ));
                }
            }
            out.push_str("</ul>");
            return Ok(out);
        }
    };
    let text = crate::authorization::store::text_in_force(&state.db).await?;
    let sent = match app {
        Some(a) => link_send::waiting(state, a.id).await?,
        None => Vec::new(),
    };
    let mut out = format!(
        "<p>{}</p>{}<ul class=\"plain signers\">",
        lang.t(
            "家里每个人都要同意（签名）。大人自己签；孩子由大人代签；家人自己不能签字的，由监护人代签。签之前，签名的人手机上会收到一个验证码。",
            "Everyone in the household must agree (sign). Adults sign themselves; an adult signs for each child, and a guardian for anyone who cannot sign for themselves. Before signing, the signer gets a code on their phone.",
        ),
        signing::summary(lang, &text),
    );
    for (n, c) in plan.iter().enumerate() {
        out.push_str(&consent_item(
            lang,
            home,
            (&d, today),
            &sent,
            (n, c),
            (errors, as_typed),
        ));
    }
    out.push_str("</ul>");
    if unsigned(&plan, &signing::signed(&plan, &d)).is_empty() {
        out.push_str(&next);
    }
    Ok(out)
}

fn at<'a>(errors: &'a [(String, String)], id: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| *f == id)
        .map(|(_, e)| e.as_str())
}

fn consent_item(
    lang: Lang,
    home: &Home,
    (d, today): (&Draft, NaiveDate),
    sent: &[(Uuid, Uuid)],
    (n, c): (usize, &Consent),
    (errors, as_typed): (&AtFields, &AtFields),
) -> String {
    let name = signing::masked(&home.household, c.member);
    let signer = signing::signer_masked(&home.household, &c.signer);
    let key = c.signer.key();
    let adult = home
        .household
        .members
        .iter()
        .find(|m| m.id == c.member)
        .is_some_and(|m| m.id_number.is_adult(today));
    let who = if let Signer::Outsider(o) = &c.signer {
        match lang {
            Lang::Zh => format!("{name}（由家外的监护人 {signer}（{}）代签）", o.relation),
            Lang::En => format!(
                "{name} (the guardian {signer}, {}, from outside the household, signs)",
                o.relation
            ),
        }
    } else if c.by_guardian() && adult {
        match lang {
            Lang::Zh => format!("{name}（由监护人 {signer} 代签）"),
            Lang::En => format!("{name} (the guardian {signer} signs)"),
        }
    } else if c.by_guardian() {
        match lang {
            Lang::Zh => format!("{name}（孩子，由 {signer} 代签）"),
            Lang::En => format!("{name} (a child: {signer} signs)"),
        }
    } else if c.member == home.me.id {
        match lang {
            Lang::Zh => format!("{name}（您本人）"),
            Lang::En => format!("{name} (you)"),
        }
    } else {
        name.clone()
    };
    let head = format!("<h2 class=\"signer\">{}</h2>", escape(&who));
    let capacity = if adult {
        capacity::choice(lang, home, (d, today), (n, c.member), (errors, as_typed))
    } else {
        String::new()
    };
    let head = format!("{head}{capacity}");
    let fits = |s: &Signed| s.member == c.member.0 && s.signer == key;
    if d.signatures.iter().any(fits) {
        return format!(
            "<li>{head}<p class=\"done\">{}</p></li>",
            lang.t("已签 ✓", "Signed ✓")
        );
    }
    let Some(phone) = home.phone_of_signer(&c.signer) else {
        return format!(
            "<li>{head}<p class=\"hint\">{}</p></li>",
            lang.t(
                "这位家人没有登记手机号，不能在网上签。请到乡镇窗口或找帮办员签。",
                "No phone is registered for this person: they cannot sign online. Please sign at the window or with the helper.",
            )
        );
    };
    let masked = domain::identity::mask_phone(&phone);
    let confirmed = d.confirmed.iter().any(|x| x.signer == key);
    let field = |k: &str| format!("{k}-{n}");
    let at = |id: &str| at(errors, id);
    let mut out = format!("<li>{head}");
    let away = c.signer != home.me.id;
    if away && sent.contains(&(c.member.0, key)) {
        let said = if c.by_guardian() {
            match lang {
                Lang::Zh => format!(
                    "已经发短信请监护人 {signer} 在自己手机上替 {name} 签，还没签好。他在身边的话，也可以在这里签。"
                ),
                Lang::En => format!(
                    "A link was sent to the guardian {signer} to sign for {name} on their phone; not signed yet. If they are here, they can sign below."
                ),
            }
        } else {
            lang.t(
                "已经发短信请他在自己手机上签，还没签好。他在身边的话，也可以在这里签。",
                "A link was sent to their phone; not signed yet. If they are here, they can sign below.",
            )
            .to_owned()
        };
        out.push_str(&format!("<p class=\"hint\">{}</p>", escape(&said)));
    }
    if !confirmed {
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"/my/apply/code\">\
             <input type=\"hidden\" name=\"member\" value=\"{signer}\">\
             <button type=\"submit\" class=\"secondary\">{send}</button></form>",
            signer = key,
            send = escape(&match lang {
                Lang::Zh => format!("发验证码到 {masked}"),
                Lang::En => format!("Send a code to {masked}"),
            }),
        ));
    }
    let code_id = field("code");
    let code_field = if confirmed {
        String::new()
    } else {
        let (error, attrs) = match at(&code_id) {
            Some(e) => (
                format!(
                    "<p class=\"alert\" id=\"{code_id}-error\" role=\"alert\">{}</p>",
                    escape(e)
                ),
                format!(" aria-describedby=\"{code_id}-error\" aria-invalid=\"true\""),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "<label for=\"{code_id}\">{label}</label>{error}\
             <input id=\"{code_id}\" name=\"code\" class=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"{attrs}>",
            label = lang.t("手机收到的验证码（6 位数）", "The code received (6 digits)"),
        )
    };
    let pad_id = field("pad");
    out.push_str(&format!(
        "<form class=\"ask\" method=\"post\" action=\"/my/apply/sign\" data-sign>\
         <input type=\"hidden\" name=\"member\" value=\"{member}\">{code_field}{pad}\
         <button type=\"submit\">{submit}</button></form>",
        member = c.member.0,
        pad = signing::pad(lang, &pad_id, at(&pad_id)),
        submit = lang.t("签好了", "Signed"),
    ));
    if away {
        let send = if c.by_guardian() {
            match lang {
                Lang::Zh => {
                    format!("监护人 {signer} 不在身边：发短信，让他在自己手机上替 {name} 签")
                }
                Lang::En => format!(
                    "The guardian {signer} is not here: send a text message to sign for {name} on their own phone"
                ),
            }
        } else {
            lang.t(
                "他不在身边：发短信，让他在自己手机上签",
                "Not here: send a text message to sign on their own phone",
            )
            .to_owned()
        };
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"/my/apply/link\">\
             <input type=\"hidden\" name=\"member\" value=\"{member}\">\
             <button type=\"submit\" class=\"secondary\">{send}</button></form>",
            member = c.member.0,
            send = escape(&send),
        ));
    }
    out.push_str("</li>");
    out
}
