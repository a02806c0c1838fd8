//! `/my/certify`: a household receiving monthly aid certifies once a year (待遇资格认证,
//! issue 20 point 8) — the recipient, or a member of the household for them (guardian or
//! family). The certification is a record saved by the push path (`crate::sync`, checked
//! with `domain::certification`, audited, exactly once: a resend answers the first answer);
//! the live photo then goes through the attachments path onto that record only, where only
//! who may see the record may open it. The location is kept only with the tick.

use std::net::SocketAddr;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{ConnectInfo, Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::certification::{
    CertificationId, CertificationRecord, CertifiedBy, Changes, Location, Period, status,
};
use domain::clocks::china_date;
use domain::fieldwork::AttachmentRef;
use domain::sync::{OpBody, Outcome, RecordKind};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::actions::push_ops;
use super::certify_form::{Typed, View, render};
use super::list_page::LangQuery;
use super::supplement::{Photo, read_photo, refusal, upload};
use super::{Resident, frame, mine};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::security::client_address::client_address;
use crate::state::AppState;

/// The form's whole body: one photo.
pub const MAX_BODY: usize = 2 * super::supplement::MAX_PHOTO;

/// Where the resident's household stands.
pub struct Standing {
    household: domain::household::Household,
    recipient: domain::household::Member,
    by: CertifiedBy,
    period: Period,
    status: domain::certification::Status,
    done: Option<CertificationRecord>,
}

/// The resident's household's standing this period; `None` without a household.
pub async fn standing(
    state: &AppState,
    user: domain::ids::UserId,
) -> Result<Option<Standing>, ApiError> {
    let Some((household, me)) = mine::own_household(state, user).await? else {
        return Ok(None);
    };
    let Some(recipient) = domain::certification_due::recipient_of(&household).cloned() else {
        return Ok(None);
    };
    let by = if me.id == recipient.id {
        CertifiedBy::Recipient
    } else {
        CertifiedBy::Guardian { member: me.id }
    };
    let today = china_date(Utc::now());
    let period = Period::containing(today);
    let id = household.id.0.to_string();
    let mut conn = state.db.pool().acquire().await?;
    let grants = crate::certify::household_grants(&mut conn, &id).await?;
    let all = crate::certify::household_certifications(&mut conn, &id).await?;
    let status = status(&grants, &crate::certify::days(&all), &period, today);
    let done = all.into_iter().find(|c| c.year == period.year);
    Ok(Some(Standing {
        household,
        recipient,
        by,
        period,
        status,
        done,
    }))
}

/// The line on 我的申请 while the household is due.
pub fn section(lang: Lang, standing: Option<&Standing>) -> String {
    standing.map_or_else(String::new, |s| {
        super::certify_form::due_section(lang, &s.period, s.status)
    })
}

fn page(
    lang: Lang,
    status: StatusCode,
    s: &Standing,
    typed: &Typed,
    errors: &[(&str, String)],
    said: &str,
) -> Response {
    let view = View {
        period: s.period,
        status: s.status,
        recipient: s.recipient.name.masked(),
        for_other: s.by != CertifiedBy::Recipient,
        done: s.done.as_ref(),
    };
    let body = render(lang, &view, typed, errors, said);
    frame(
        lang,
        status,
        lang.t("待遇资格认证", "Certify your aid"),
        &body,
    )
}

fn no_household(lang: Lang) -> Response {
    frame(
        lang,
        StatusCode::NOT_FOUND,
        lang.t("待遇资格认证", "Certify your aid"),
        &format!(
            "<h1>{}</h1><p class=\"box\">{}</p>",
            lang.t("待遇资格认证", "Certify your aid"),
            lang.t(
                "没有找到您家的登记。请让帮办员或窗口登记您的手机号。",
                "Your household was not found. Ask your helper or the window to record your mobile number.",
            )
        ),
    )
}

/// `GET /my/certify`.
pub async fn get(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    Resident { user, lang }: Resident,
) -> Result<Response, ApiError> {
    let Some(s) = standing(&state, user.user).await? else {
        return Ok(no_household(lang));
    };
    let said = if q.done.as_deref() == Some("certified") {
        format!(
            "<p class=\"done\" role=\"status\">{}</p>",
            lang.t("认证好了，谢谢！", "Certified, thank you!")
        )
    } else {
        String::new()
    };
    Ok(page(
        lang,
        StatusCode::OK,
        &s,
        &Typed::default(),
        &[],
        &said,
    ))
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    typed: Typed,
    lat: Option<f64>,
    lon: Option<f64>,
    photo: Option<Photo>,
}

async fn read(mut form: Multipart) -> Option<Sent> {
    let mut sent = Sent::default();
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "photo" {
            let photo = read_photo(name, field).await?;
            if photo.too_large || !photo.bytes.is_empty() {
                sent.photo = Some(photo);
            }
            continue;
        }
        let text = field.text().await.ok()?;
        let text = text.trim();
        match name.as_str() {
            "op" => sent.typed.op = Uuid::parse_str(text).ok(),
            "answer" => {
                sent.typed.changed = match text {
                    "same" => Some(false),
                    "changed" => Some(true),
                    _ => None,
                }
            }
            "description" => sent.typed.description = text.chars().take(2000).collect(),
            "consent" => sent.typed.consent = text == "yes",
            "lat" => sent.lat = text.parse().ok(),
            "lon" => sent.lon = text.parse().ok(),
            _ => {}
        }
    }
    Some(sent)
}

/// `POST /my/certify`.
#[utoipa::path(post, path = "/my/certify", tag = "pages",
    request_body(content = String, content_type = "multipart/form-data",
        description = "`op`, `answer` (`same` | `changed`), `description`, `photo` (an image), `consent` (`yes`), `lat`, `lon`"),
    responses(
        (status = 303, description = "Certified (or the same form sent again): on to the page"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "A field refused: the page with the message at the field, what was typed kept"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "No household lists the resident"),
        (status = 409, description = "Already certified this year, or nothing to certify"),
        (status = 413, description = "The photo is too large"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Resident { user, lang }: Resident,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let Some(s) = standing(&state, user.user).await? else {
        return Ok(no_household(lang));
    };
    let sent = match form {
        Ok(form) => read(form).await,
        Err(_) => None,
    };
    let Some(sent) = sent else {
        let errors = [(
            "photo",
            lang.t(
                "照片没有收到，可能太大了。请重新拍一张。",
                "The photo did not arrive, perhaps too large. Please take another.",
            )
            .to_owned(),
        )];
        return Ok(page(
            lang,
            StatusCode::PAYLOAD_TOO_LARGE,
            &s,
            &Typed::default(),
            &errors,
            "",
        ));
    };
    let from = client_address(&headers, peer, &state.auth.proxies);
    let typed = sent.typed.clone();
    let Some(op) = typed.op else {
        let said = alert(lang.t(
            "没有收到完整的内容，请在下面重新填一次。",
            "Something was missing: please fill in the form again.",
        ));
        return Ok(page(lang, StatusCode::BAD_REQUEST, &s, &typed, &[], &said));
    };
    // A resend of a form already applied answers as the first time did.
    let id = op;
    let mut errors: Vec<(&str, String)> = Vec::new();
    if typed.changed.is_none() {
        errors.push((
            "answer",
            lang.t(
                "请选“没有变化”或“有变化”。",
                "Please choose \"No change\" or \"Something changed\".",
            )
            .to_owned(),
        ));
    }
    let photo = match &sent.photo {
        None => {
            errors.push((
                "photo",
                lang.t(
                    "请给领救助的人拍一张照片。",
                    "Please take a photo of the person receiving the aid.",
                )
                .to_owned(),
            ));
            None
        }
        Some(p) => match refusal(lang, p) {
            Some(text) => {
                errors.push(("photo", text.to_owned()));
                None
            }
            None => Some(p),
        },
    };
    let sha = photo.map(|p| hex::encode(Sha256::digest(&p.bytes)));
    let record = CertificationRecord {
        id: CertificationId(id),
        household: s.household.id,
        recipient: s.recipient.id,
        year: s.period.year,
        certified_at: Utc::now(),
        by: s.by,
        changes: if typed.changed == Some(true) {
            Changes::Changed {
                description: typed.description.clone(),
            }
        } else {
            Changes::None
        },
        photo: sha.as_deref().and_then(|h| AttachmentRef::parse(h).ok()),
        location_consent: typed.consent,
        location: sent
            .lat
            .zip(sent.lon)
            .and_then(|(a, o)| Location::from_degrees(a, o)),
    };
    for e in record.validate(Utc::now()) {
        if !errors.iter().any(|(f, _)| *f == e.field()) {
            errors.push((e.field(), lang.t(e.message_zh(), e.message_en()).to_owned()));
        }
    }
    if !errors.is_empty() {
        let said = alert(lang.t(
            "还有地方要改，请看下面标红的字。",
            "Some answers need fixing: see the messages below.",
        ));
        return Ok(page(
            lang,
            StatusCode::BAD_REQUEST,
            &s,
            &typed,
            &errors,
            &said,
        ));
    }
    let body = serde_json::to_value(&record).map_err(|e| ApiError::Internal(e.into()))?;
    let save = OpBody::SaveFieldRecord {
        kind: RecordKind::Certification,
        id,
        base_version: None,
        body,
    };
    let outcomes = push_ops(&state, (&user, &from), vec![(op, save)]).await?;
    match outcomes.first() {
        Some(Outcome::Applied { .. }) => {
            if let (Some(p), Some(sha)) = (photo, sha) {
                upload(
                    &state,
                    &user,
                    (RecordKind::Certification, id),
                    &sha,
                    &p.bytes,
                )
                .await
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("certification photo: {e}")))?;
            }
            let to = lang.link("/my/certify?done=certified");
            Ok(Redirect::to(&to).into_response())
        }
        Some(Outcome::Rejected { message_zh, .. } | Outcome::Conflict { message_zh, .. }) => {
            let said = alert(&match lang {
                Lang::Zh => format!("没有办成：{message_zh}"),
                Lang::En => format!("Not done: {message_zh}"),
            });
            let s = standing(&state, user.user).await?.unwrap_or(s);
            Ok(page(lang, StatusCode::CONFLICT, &s, &typed, &[], &said))
        }
        None => Err(ApiError::Internal(anyhow::anyhow!("no outcome"))),
    }
}

fn alert(text: &str) -> String {
    format!("<p class=\"alert\" role=\"alert\">{}</p>", escape(text))
}
