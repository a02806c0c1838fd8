//! The first two steps' forms: `POST /my/apply/items` (the items and the reason) and
//! `POST /my/apply/photos` (a photo per material). Each saves the draft and goes on; a refusal
//! shows the step again as typed, with the message at the field. Saving the same step twice
//! leaves the same draft.

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};

use super::draft;
use super::home;
use super::page::{View, photo_fields, show};
use crate::error::ApiError;
use crate::pages::public::Lang;
use crate::pages::resident::Resident;
use crate::pages::resident::supplement::{self, Photo, read_photo, refusal};
use crate::state::AppState;

/// The photos form's whole body: a few photos of a few MB each.
pub const MAX_BODY: usize = 8 * supplement::MAX_PHOTO;

/// The longest reason, in characters.
const MAX_REASON_CHARS: usize = 2000;

/// `POST /my/apply/items`.
#[utoipa::path(post, path = "/my/apply/items", tag = "pages",
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "`item` (repeated: aid item codes, the main one first) and `reason`"),
    responses(
        (status = 303, description = "Saved: on to the photos"),
        (status = 200, description = "Not a resident: the sign-in"),
        (status = 400, description = "No item, an unknown one, or no reason: the step again as typed"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "No household lists the resident"),
    ),
    security(("session" = [])))]
pub async fn items(
    State(state): State<AppState>,
    Resident { user, lang }: Resident,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, ApiError> {
    let Some(home) = home(&state, user.user).await? else {
        return show(&state, &user, lang, StatusCode::NOT_FOUND, View::default()).await;
    };
    let pairs: Vec<(String, String)> = form.map(|f| f.0).unwrap_or_default();
    let catalogue = state.reference.catalogue();
    let mut items: Vec<String> = Vec::new();
    let mut unknown = false;
    for (k, v) in &pairs {
        if k == "item" && !items.contains(v) {
            if catalogue
                .item(&domain::catalogue::AidItemCode(v.clone()))
                .is_some()
            {
                items.push(v.clone());
            } else {
                unknown = true;
            }
        }
    }
    let reason = pairs
        .iter()
        .find(|(k, _)| k == "reason")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let mut errors = Vec::new();
    if items.is_empty() || unknown {
        let text = lang.t("请至少选一项。", "Please choose at least one.");
        errors.push(("items".to_owned(), text.to_owned()));
    }
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        let text = lang.t(
            "请写几句家里的难处（最多 2000 个字）。",
            "Please say in a few sentences what is hard (at most 2000 characters).",
        );
        errors.push(("reason".to_owned(), text.to_owned()));
    }
    if !errors.is_empty() {
        let view = View {
            step: 1,
            said: Some((
                false,
                lang.t(
                    "还差一点，请看下面标红的地方。",
                    "Almost: see the marks below.",
                )
                .to_owned(),
            )),
            errors,
            typed: Some((items, reason)),
            as_typed: Vec::new(),
        };
        return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
    }
    let app = draft::current_or_new(&state, user.user, home.household.id.0).await?;
    draft::update(&state, app.id, |d| {
        d.items = items;
        d.reason = reason;
    })
    .await?;
    Ok(Redirect::to(&lang.link("/my/apply?step=2&done=saved")).into_response())
}

/// `POST /my/apply/photos`.
#[utoipa::path(post, path = "/my/apply/photos", tag = "pages",
    request_body(content = String, content_type = "multipart/form-data",
        description = "One image file per material of the chosen items, named by its code (`code.member` per member)"),
    responses(
        (status = 303, description = "Kept: the step again, showing what was received"),
        (status = 200, description = "Not a resident: the sign-in"),
        (status = 400, description = "A photo refused (not an image, too large) or a material not asked: the step, the message at the field, the good photos kept"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "No household lists the resident"),
        (status = 413, description = "The form is too large"),
    ),
    security(("session" = [])))]
pub async fn photos(
    State(state): State<AppState>,
    Resident { user, lang }: Resident,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let Some(home) = home(&state, user.user).await? else {
        return show(&state, &user, lang, StatusCode::NOT_FOUND, View::default()).await;
    };
    let refuse = |status, text: &str, errors| {
        let view = View {
            step: 2,
            said: Some((false, text.to_owned())),
            errors,
            typed: None,
            as_typed: Vec::new(),
        };
        show(&state, &user, lang, status, view)
    };
    let Some(app) = draft::current(&state, user.user, home.household.id.0).await? else {
        return show(
            &state,
            &user,
            lang,
            StatusCode::BAD_REQUEST,
            View {
                step: 1,
                ..View::default()
            },
        )
        .await;
    };
    let photos = match form {
        Ok(form) => read(form).await,
        Err(_) => None,
    };
    let Some(photos) = photos else {
        let text = lang.t(
            "照片没有收全，可能太大了。请一张一张地交。",
            "The photos did not all arrive, perhaps too large: send them one at a time.",
        );
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, text, Vec::new()).await;
    };
    let catalogue = state.reference.catalogue();
    let fields = photo_fields(lang, &catalogue, &home, &app.draft.items);
    let index = |field: &str| fields.iter().position(|(f, _, _)| f == field);
    if photos.iter().any(|p| index(&p.field).is_none()) {
        let text = lang.t(
            "只能交上面列出的材料。",
            "Only the papers listed can be sent.",
        );
        return refuse(StatusCode::BAD_REQUEST, text, Vec::new()).await;
    }
    let (kept, errors) = keep(&state, app.id, lang, photos, &index).await?;
    draft::update(&state, app.id, |d| {
        for (field, sha) in kept {
            d.photos.retain(|(f, _)| *f != field);
            d.photos.push((field, sha));
        }
    })
    .await?;
    if errors.is_empty() {
        return Ok(Redirect::to(&lang.link("/my/apply?step=2&done=saved")).into_response());
    }
    let text = lang.t(
        "有的照片没收下，请看标红的地方。别的照片已经收到了。",
        "Some photos were refused: see the marks. The others were received.",
    );
    refuse(StatusCode::BAD_REQUEST, text, errors).await
}

/// Keeps every acceptable photo with the draft; answers the fields kept with their SHA-256 and
/// the refused ones (by the page's field id) with why.
async fn keep(
    state: &AppState,
    app: uuid::Uuid,
    lang: Lang,
    photos: Vec<Photo>,
    index: &(dyn Fn(&str) -> Option<usize> + Sync),
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), ApiError> {
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut errors = Vec::new();
    for photo in photos {
        let id = format!("photo-{}", index(&photo.field).unwrap_or_default());
        if let Some(text) = refusal(lang, &photo) {
            errors.push((id, text.to_owned()));
            continue;
        }
        let sha = hex::encode(Sha256::digest(&photo.bytes));
        if kept.iter().any(|(_, s)| *s == sha) {
            let text = lang.t(
                "这张照片和上面的一样。请拍这一样材料。",
                "This is the same photo as above. Please photograph this paper.",
            );
            errors.push((id, text.to_owned()));
            continue;
        }
        draft::put_file(state, app, &sha, &photo.bytes).await?;
        kept.push((photo.field, sha));
    }
    Ok((kept, errors))
}

/// Reads the form's files; `None` when it could not be read whole.
async fn read(mut form: Multipart) -> Option<Vec<Photo>> {
    let mut photos = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_owned();
        // Only files: a text part (a stray hidden field) is no photo.
        if field.file_name().is_none() {
            continue;
        }
        let photo = read_photo(name, field).await?;
        if photo.too_large || !photo.bytes.is_empty() {
            photos.push(photo);
        }
    }
    Some(photos)
}
