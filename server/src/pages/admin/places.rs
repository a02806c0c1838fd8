//! `/admin/places`: the jurisdiction tree (county → townships → villages and communities) with
//! each place's code, names and registered population (实有人口), and for each village the
//! helpers it needs (`helpers_required`: at least one, two over 1,000) against the active
//! helper accounts placed there or in its grids, the short ones highlighted.
//! `POST /admin/places/{code}` changes a place's names and population;
//! `POST /admin/places/{township}/villages` adds a village or community under a township.
//! Both are checked by `domain::jurisdiction::{check_edit, check_new_village}`; a refused form
//! comes back with every error at its field and everything typed kept (422). Every change is
//! audited in the same transaction, with who, what, and the place before and after.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::jurisdiction::{
    FieldErrors, PlaceCode, PlaceEdit, PlaceEditError, PlaceField, check_edit, check_new_village,
};
use serde::Deserialize;
use serde_json::json;

use super::places_render::{Open, Typed, render};
use super::{Lang, admin_only, respond};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// One place of the tree as stored.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its code.
    pub code: PlaceCode,
    /// Chinese name.
    pub name_zh: String,
    /// English or pinyin name.
    pub name_en: String,
    /// Registered population, if known.
    pub population: Option<i64>,
    /// Active helper accounts placed in it (villages: with their grids').
    pub helpers: i64,
}

/// What the page is asked to show besides the tree.
#[derive(Debug, Default, Deserialize)]
pub struct PlacesQuery {
    lang: Option<String>,
    /// A place whose form to open.
    edit: Option<String>,
    /// A township under which to open the new-village form.
    add: Option<String>,
    /// The place just saved, to say so.
    saved: Option<String>,
}

/// A place's form as posted.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct PlaceForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    population: String,
}

impl PlaceForm {
    fn typed(&self) -> Typed {
        Typed {
            code: self.code.clone(),
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            population: self.population.clone(),
        }
    }
}

/// The tree: county, townships and villages in code order (a parent before its children).
async fn tree(state: &AppState) -> Result<Vec<Row>, ApiError> {
    let places: Vec<(String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT code, name_zh, name_en, population FROM places \
         WHERE level IN ('county', 'township', 'village') ORDER BY code",
    )
    .fetch_all(state.db.pool())
    .await?;
    let helpers: Vec<(String,)> =
        sqlx::query_as("SELECT place_code FROM users WHERE role = 'helper' AND disabled = $1")
            .bind(false)
            .fetch_all(state.db.pool())
            .await?;
    let mut per_village: BTreeMap<PlaceCode, i64> = BTreeMap::new();
    for (place,) in helpers {
        if let Some(village) = PlaceCode::parse(&place).ok().and_then(|p| p.village()) {
            *per_village.entry(village).or_default() += 1;
        }
    }
    Ok(places
        .into_iter()
        .filter_map(|(code, name_zh, name_en, population)| {
            let code = PlaceCode::parse(&code).ok()?;
            Some(Row {
                helpers: per_village.get(&code).copied().unwrap_or(0),
                code,
                name_zh,
                name_en,
                population,
            })
        })
        .collect())
}

fn find<'a>(rows: &'a [Row], code: &str) -> Option<&'a Row> {
    let code = PlaceCode::parse(code).ok()?;
    rows.iter().find(|r| r.code == code)
}

/// The tree page.
#[utoipa::path(get, path = "/admin/places", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("edit" = Option<String>, Query, description = "A place whose form to open"), ("add" = Option<String>, Query, description = "A township under which to open the new-village form"), ("saved" = Option<String>, Query, description = "The place just saved")),
    responses(
        (status = 200, description = "The jurisdiction tree with populations and helpers (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<PlacesQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let rows = tree(&state).await?;
    let open = if let Some(row) = q.edit.as_deref().and_then(|c| find(&rows, c)) {
        Open::Edit {
            code: row.code.clone(),
            typed: Typed {
                code: row.code.as_str().to_owned(),
                name_zh: row.name_zh.clone(),
                name_en: row.name_en.clone(),
                population: row.population.map(|p| p.to_string()).unwrap_or_default(),
            },
            errors: FieldErrors::new(),
        }
    } else if let Some(row) = q
        .add
        .as_deref()
        .and_then(|c| find(&rows, c))
        .filter(|r| r.code.level() == domain::jurisdiction::Level::Township)
    {
        Open::Add {
            township: row.code.clone(),
            typed: Typed::default(),
            errors: FieldErrors::new(),
        }
    } else {
        Open::None
    };
    let saved = q.saved.as_deref().and_then(|c| find(&rows, c));
    let body = render(lang, &rows, &open, saved);
    Ok(respond(
        lang,
        StatusCode::OK,
        lang.t("行政区划", "Jurisdiction"),
        "/admin/places",
        &body,
    ))
}

/// The place's names and population changed.
#[utoipa::path(post, path = "/admin/places/{code}", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("code" = String, Path, description = "A place code")),
    request_body(content = PlaceForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Saved; back to the tree"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<PlacesQuery>,
    Form(form): Form<PlaceForm>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let rows = tree(&state).await?;
    let before = find(&rows, &code).ok_or(ApiError::NotFound)?.clone();
    let after = match check_edit(&form.name_zh, &form.name_en, &form.population) {
        Ok(after) => after,
        Err(errors) => {
            let open = Open::Edit {
                code: before.code.clone(),
                typed: form.typed(),
                errors,
            };
            return Ok(refused(lang, &rows, &open));
        }
    };
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE places SET name_zh = $1, name_en = $2, population = $3 WHERE code = $4")
        .bind(&after.name_zh)
        .bind(&after.name_en)
        .bind(after.population)
        .bind(before.code.as_str())
        .execute(&mut *tx)
        .await?;
    let was = PlaceEdit {
        name_zh: before.name_zh.clone(),
        name_en: before.name_en.clone(),
        population: before.population,
    };
    let entry = AuditEntry::by(&user.actor, "admin.edit_place")
        .on("place", before.code.as_str(), Some(before.code.as_str()))
        .with_detail(json!({ "before": was, "after": after }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(saved(lang, &before.code))
}

/// A village or community added under a township.
#[utoipa::path(post, path = "/admin/places/{code}/villages", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("code" = String, Path, description = "The township's code")),
    request_body(content = PlaceForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Added; back to the tree"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn add_village(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(township): Path<String>,
    Query(q): Query<PlacesQuery>,
    Form(form): Form<PlaceForm>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let rows = tree(&state).await?;
    let township = find(&rows, &township)
        .filter(|r| r.code.level() == domain::jurisdiction::Level::Township)
        .ok_or(ApiError::NotFound)?
        .code
        .clone();
    let taken = |c: &PlaceCode| rows.iter().any(|r| &r.code == c);
    let refuse = |errors: FieldErrors| {
        let open = Open::Add {
            township: township.clone(),
            typed: form.typed(),
            errors,
        };
        refused(lang, &rows, &open)
    };
    let new = match check_new_village(
        &township,
        &form.code,
        &form.name_zh,
        &form.name_en,
        &form.population,
        taken,
    ) {
        Ok(new) => new,
        Err(errors) => return Ok(refuse(errors)),
    };
    let mut tx = state.db.begin_write().await?;
    // Another admin may have added the same code since the tree was read: the key says so.
    let exists: Option<(String,)> = sqlx::query_as("SELECT code FROM places WHERE code = $1")
        .bind(new.code.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Ok(refuse(vec![(PlaceField::Code, PlaceEditError::CodeTaken)]));
    }
    sqlx::query(
        "INSERT INTO places (code, parent_code, level, name_zh, name_en, population) \
         VALUES ($1, $2, 'village', $3, $4, $5)",
    )
    .bind(new.code.as_str())
    .bind(township.as_str())
    .bind(&new.place.name_zh)
    .bind(&new.place.name_en)
    .bind(new.place.population)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::by(&user.actor, "admin.add_place")
        .on("place", new.code.as_str(), Some(new.code.as_str()))
        .with_detail(json!({ "before": null, "after": new.place, "parent": township.as_str() }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(saved(lang, &new.code))
}

fn refused(lang: Lang, rows: &[Row], open: &Open) -> Response {
    let body = render(lang, rows, open, None);
    respond(
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        lang.t("行政区划", "Jurisdiction"),
        "/admin/places",
        &body,
    )
}

fn saved(lang: Lang, code: &PlaceCode) -> Response {
    let to = lang.link(&format!("/admin/places?saved={}", code.as_str()));
    Redirect::to(&format!("{to}#place-{}", code.as_str())).into_response()
}
