//! Which phone each of a command's messages goes to, as rows for the push batch.

use domain::catalogue::Catalogue;
use domain::household::{Household, Relation};
use domain::ids::CaseId;
pub use domain::notify::Notification;
use domain::notify::{Audience, messages};
use domain::role::Role;
use domain::workflow::{Case, Event};
use sqlx::AnyConnection;
use uuid::Uuid;

/// A message ready to be stored: where it goes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingNotification {
    /// The case it is about.
    pub case: CaseId,
    /// `domain::notify::MessageKind::code`.
    pub kind: &'static str,
    /// `Audience::code`.
    pub audience: &'static str,
    /// The account it goes to, when the phone is an account's.
    pub user: Option<Uuid>,
    /// The full number (kept on the server only).
    pub phone: String,
    /// The text.
    pub body: String,
}

/// The messages `events` call for on the case `before` them, each with its phone. An
/// audience without a known phone is skipped: the printed notice still reaches them.
pub async fn for_command(
    conn: &mut AnyConnection,
    before: &Case,
    events: &[Event],
    household: &Household,
    catalogue: &Catalogue,
) -> Result<Vec<PendingNotification>, sqlx::Error> {
    let mut after = before.clone();
    for e in events {
        after.apply(e);
    }
    let number = before.id().number();
    let said = messages(before, &after, events, &number, catalogue);
    if said.is_empty() {
        return Ok(Vec::new());
    }
    let applicant = applicant_phone(conn, before, household).await?;
    let helper = helper_phone(conn, before).await?;
    Ok(said
        .into_iter()
        .filter_map(|m| {
            let (user, phone) = match m.audience {
                Audience::Applicant => applicant.clone()?,
                Audience::Helper => helper.clone()?,
            };
            Some(PendingNotification {
                case: before.id(),
                kind: m.kind.code(),
                audience: m.audience.code(),
                user,
                phone,
                body: m.text,
            })
        })
        .collect())
}

/// The applicant's resident account's phone, else the phone the household registers for its
/// applicant member.
async fn applicant_phone(
    conn: &mut AnyConnection,
    case: &Case,
    household: &Household,
) -> Result<Option<(Option<Uuid>, String)>, sqlx::Error> {
    if let Some(user) = case.applicant()
        && let Some(phone) = account_phone(conn, user.0).await?
    {
        return Ok(Some((Some(user.0), phone)));
    }
    Ok(household
        .members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .and_then(|m| m.phone.as_ref())
        .map(|p| (None, p.expose().to_owned())))
}

/// The phone of the helper who entered the application, if a helper did.
async fn helper_phone(
    conn: &mut AnyConnection,
    case: &Case,
) -> Result<Option<(Option<Uuid>, String)>, sqlx::Error> {
    let by = case.created_by();
    if by.role != Role::Helper {
        return Ok(None);
    }
    Ok(account_phone(conn, by.user.0)
        .await?
        .map(|p| (Some(by.user.0), p)))
}

async fn account_phone(
    conn: &mut AnyConnection,
    user: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT phone FROM users WHERE id = $1 AND NOT disabled")
            .bind(user.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.and_then(|(p,)| p).filter(|p| !p.is_empty()))
}

/// A stored message's columns, as `of_case` reads them.
type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The messages queued for `case`, oldest first, numbers masked.
pub async fn of_case(
    conn: &mut AnyConnection,
    case: CaseId,
) -> Result<Vec<Notification>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT kind, audience, phone, body, created_at, sent_at, failed_at \
             FROM notifications WHERE case_id = $1 ORDER BY created_at, id",
    )
    .bind(case.0.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(kind, audience, phone, body, created_at, sent_at, failed_at)| Notification {
                kind,
                audience,
                phone_masked: domain::identity::mask::mask_phone(&phone),
                body,
                created_at,
                sent_at,
                failed_at,
            },
        )
        .collect())
}
