//! The online application while it is filled in: a draft kept on the server per step (table
//! `resident_applications`, migration 0037), with its photos and signature images beside it
//! (`resident_application_files`) until the submission uploads them onto their records. A
//! draft is not a domain record: nobody else sees it, and submitting it is what goes through
//! the push path. A draft nobody touched for [`KEEP_UNTOUCHED_DAYS`] is deleted with its files
//! and signing links by the housekeeping round ([`expire`]): photos of ID cards and bank books
//! do not wait on the server for ever.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use domain::authorization::{Guardian, Limited, Outsider};
use domain::ids::{MemberId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::{Db, time};
use crate::error::ApiError;
use crate::state::AppState;

/// What the resident filled in so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The aid items chosen, the main one first.
    #[serde(default)]
    pub items: Vec<String>,
    /// Why they apply, in their words.
    #[serde(default)]
    pub reason: String,
    /// A photo per material field (`code` or `code.member`), by SHA-256.
    #[serde(default)]
    pub photos: Vec<(String, String)>,
    /// Signers who confirmed a one-time code to their phone.
    #[serde(default)]
    pub confirmed: Vec<Confirmed>,
    /// The consents signed.
    #[serde(default)]
    pub signatures: Vec<Signed>,
    /// Adult members marked as unable to sign themselves (without full civil capacity), each
    /// with whoever the resident chose to sign for them.
    #[serde(default)]
    pub limited: Vec<LimitedChoice>,
}

impl Draft {
    /// [`Draft::limited`] as the consent plan takes it.
    pub fn limited(&self) -> Vec<Limited> {
        self.limited
            .iter()
            .map(|l| Limited {
                member: MemberId(l.member),
                guardian: l.guardian.as_ref().map(|g| match g {
                    GuardianChoice::Member(m) => Guardian::Member(MemberId(*m)),
                    GuardianChoice::Outsider(o) => Guardian::Outsider(o.clone()),
                }),
            })
            .collect()
    }
}

/// An adult member a guardian signs for: dementia, an intellectual or mental disability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitedChoice {
    /// The member.
    pub member: Uuid,
    /// The guardian chosen; `None`, the plan's default.
    pub guardian: Option<GuardianChoice>,
}

/// Who the resident chose to sign for a member, as the draft keeps it: a member's id (as
/// drafts kept it before guardians from outside the household, so those still load), or
/// the outsider's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum GuardianChoice {
    /// A capable adult of the household.
    Member(Uuid),
    /// Someone from outside the household.
    Outsider(Outsider),
}

/// A signer's confirmed code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    /// Who signs: a member's id, or an outside guardian's key (`Outsider::key`).
    pub signer: Uuid,
    /// The phone the code went to, masked.
    pub phone_masked: String,
    /// When it was confirmed (whole seconds, as the proof carries it).
    pub at: DateTime<Utc>,
}

/// One consent signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    /// Whose consent.
    pub member: Uuid,
    /// Who signed: a member's id, or an outside guardian's key (`Outsider::key`).
    pub signer: Uuid,
    /// The signature PNG's SHA-256.
    pub image: String,
    /// The strokes as drawn.
    pub strokes: Option<String>,
    /// When signed.
    pub at: DateTime<Utc>,
}

/// A stored draft.
#[derive(Debug, Clone)]
pub struct Application {
    /// Its id, which becomes the case's.
    pub id: Uuid,
    /// The resident's account.
    pub user: Uuid,
    /// Their household.
    pub household: Uuid,
    /// What is in it.
    pub draft: Draft,
    /// Whether it was submitted.
    pub submitted: bool,
}

type Row = (String, String, String, String, Option<String>);

fn from_row((id, user, household, body, submitted): Row) -> Result<Application, ApiError> {
    let parse = |s: &str| Uuid::parse_str(s).map_err(|e| ApiError::Internal(e.into()));
    Ok(Application {
        id: parse(&id)?,
        user: parse(&user)?,
        household: parse(&household)?,
        draft: serde_json::from_str(&body).map_err(|e| ApiError::Internal(e.into()))?,
        submitted: submitted.is_some(),
    })
}

const COLUMNS: &str = "id, user_id, household_id, body, submitted_at";

/// The resident's draft for `household` not yet submitted, if any.
pub async fn current(
    state: &AppState,
    user: UserId,
    household: Uuid,
) -> Result<Option<Application>, ApiError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM resident_applications WHERE user_id = $1 AND household_id = $2 \
         AND submitted_at IS NULL ORDER BY updated_at DESC LIMIT 1"
    ))
    .bind(user.to_string())
    .bind(household.to_string())
    .fetch_optional(state.db.pool())
    .await?;
    row.map(from_row).transpose()
}

/// The draft `id`, whoever's.
pub async fn by_id(state: &AppState, id: Uuid) -> Result<Option<Application>, ApiError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM resident_applications WHERE id = $1"
    ))
    .bind(id.to_string())
    .fetch_optional(state.db.pool())
    .await?;
    row.map(from_row).transpose()
}

/// The current draft, or a new empty one.
pub async fn current_or_new(
    state: &AppState,
    user: UserId,
    household: Uuid,
) -> Result<Application, ApiError> {
    if let Some(app) = current(state, user, household).await? {
        return Ok(app);
    }
    let app = Application {
        id: Uuid::now_v7(),
        user: user.0,
        household,
        draft: Draft::default(),
        submitted: false,
    };
    sqlx::query(
        "INSERT INTO resident_applications (id, user_id, household_id, body, updated_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(app.id.to_string())
    .bind(user.to_string())
    .bind(household.to_string())
    .bind(body(&app.draft)?)
    .bind(time::now())
    .execute(state.db.pool())
    .await?;
    Ok(app)
}

fn body(draft: &Draft) -> Result<String, ApiError> {
    serde_json::to_string(draft).map_err(|e| ApiError::Internal(e.into()))
}

/// Changes the stored draft `id` with `change`, read afresh first so that a signature given
/// through a link meanwhile is kept. Nothing changes once submitted.
pub async fn update(
    state: &AppState,
    id: Uuid,
    change: impl FnOnce(&mut Draft),
) -> Result<Draft, ApiError> {
    let app = by_id(state, id).await?.ok_or(ApiError::NotFound)?;
    let mut draft = app.draft;
    if app.submitted {
        return Ok(draft);
    }
    change(&mut draft);
    sqlx::query(
        "UPDATE resident_applications SET body = $1, updated_at = $2 \
         WHERE id = $3 AND submitted_at IS NULL",
    )
    .bind(body(&draft)?)
    .bind(time::now())
    .bind(id.to_string())
    .execute(state.db.pool())
    .await?;
    Ok(draft)
}

/// How long a draft nobody touched is kept, in days: "a draft keeps for weeks" (issue 20 point
/// 4), with room for a season in hospital. The page says so.
pub const KEEP_UNTOUCHED_DAYS: i64 = 90;

/// Deletes every draft not submitted and not touched since `before`, with its photos,
/// signature images and signing links; answers how many. A draft saved meanwhile stays.
pub async fn expire(db: &Db, before: DateTime<Utc>) -> anyhow::Result<u64> {
    let cutoff = time::to_db(before);
    let mut tx = db.begin_write().await?;
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM resident_applications WHERE submitted_at IS NULL AND updated_at < $1",
    )
    .bind(&cutoff)
    .fetch_all(&mut *tx)
    .await?;
    for (id,) in &ids {
        for sql in [
            "DELETE FROM resident_application_files WHERE application_id = $1",
            "DELETE FROM resident_sign_links WHERE application_id = $1",
            "DELETE FROM resident_applications WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// Marks the draft submitted and drops its files (they are on their records now).
pub async fn mark_submitted(state: &AppState, id: Uuid) -> Result<(), ApiError> {
    let pool = state.db.pool();
    sqlx::query("UPDATE resident_applications SET submitted_at = $1 WHERE id = $2")
        .bind(time::now())
        .bind(id.to_string())
        .execute(pool)
        .await?;
    sqlx::query("DELETE FROM resident_application_files WHERE application_id = $1")
        .bind(id.to_string())
        .execute(pool)
        .await?;
    Ok(())
}

/// Keeps a file of the draft (once per content).
pub async fn put_file(state: &AppState, id: Uuid, sha: &str, bytes: &[u8]) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO resident_application_files (application_id, sha256, content) \
         VALUES ($1, $2, $3) ON CONFLICT (application_id, sha256) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(sha)
    .bind(STANDARD.encode(bytes))
    .execute(state.db.pool())
    .await?;
    Ok(())
}

/// A file of the draft.
pub async fn file(state: &AppState, id: Uuid, sha: &str) -> Result<Option<Vec<u8>>, ApiError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT content FROM resident_application_files WHERE application_id = $1 AND sha256 = $2",
    )
    .bind(id.to_string())
    .bind(sha)
    .fetch_optional(state.db.pool())
    .await?;
    row.map(|(c,)| STANDARD.decode(c).map_err(|e| ApiError::Internal(e.into())))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_kept_before_outside_guardians_still_loads_and_one_with_an_outsider_too() {
        let before = r#"{"items":["temporary"],"reason":"r","photos":[],"confirmed":[],"signatures":[],
            "limited":[{"member":"00000000-0000-0000-0000-000000000001","guardian":"00000000-0000-0000-0000-000000000002"},
                       {"member":"00000000-0000-0000-0000-000000000003","guardian":null}]}"#;
        let d: Draft = serde_json::from_str(before).unwrap();
        assert_eq!(
            d.limited[0].guardian,
            Some(GuardianChoice::Member(Uuid::from_u128(2)))
        );
        assert_eq!(d.limited[1].guardian, None);
        let outsider: Outsider = serde_json::from_value(serde_json::json!({
            "name": "李强", "id_number": "50023119820611301X",
            "phone": "13912345678", "relation": "子女"
        }))
        .unwrap();
        let with = Draft {
            limited: vec![LimitedChoice {
                member: Uuid::from_u128(1),
                guardian: Some(GuardianChoice::Outsider(outsider.clone())),
            }],
            ..d
        };
        let again: Draft = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(again, with);
        assert_eq!(
            again.limited()[0].guardian,
            Some(Guardian::Outsider(outsider))
        );
    }
}
