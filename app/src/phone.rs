//! What pages ask of the phone: signing in and out, saving field records with their queued
//! changes, re-sending a refused one, drafts. The same calls compile on the server, where they
//! answer "not here" (event handlers never run there), so pages need no `cfg`: each call is
//! one line handing over to the sync modules in the browser, and saying "not here" elsewhere.

// On the server the arguments of the calls below are only named, never used.
#![cfg_attr(not(feature = "hydrate"), allow(unused_variables))]

use domain::sync::RecordKind;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use crate::contexts::FieldSync;
use crate::sync::ops::OpOut;

pub use crate::sync::types::{SessionError, Stored};

/// Where the hardship form keeps its draft.
pub const HARDSHIP_DRAFT: &str = "draft:hardship";
/// Where the intake keeps its draft.
pub const INTAKE_DRAFT: &str = "draft:intake";

/// `$browser` in the browser; `$server` elsewhere (the server renders the pages but never
/// runs their handlers).
macro_rules! on_phone {
    ($browser:expr, else $server:expr) => {{
        #[cfg(feature = "hydrate")]
        let answer = $browser;
        #[cfg(not(feature = "hydrate"))]
        let answer = $server;
        answer
    }};
}

/// Signs in (needs a network) and starts the first sync.
pub async fn sign_in(s: FieldSync, username: &str, password: &str) -> Result<(), SessionError> {
    on_phone!(
        crate::sync::session::sign_in(s, username, password).await,
        else Err(SessionError::Offline)
    )
}

/// The second sign-in step: the code from the authenticator app (or a recovery code) after a
/// password that answered [`SessionError::SecondFactor`].
pub async fn sign_in_code(s: FieldSync, code: &str) -> Result<(), SessionError> {
    on_phone!(
        crate::sync::session::sign_in_code(s, code).await,
        else Err(SessionError::Offline)
    )
}

/// Keeps the account as the server now describes it (after a password change or an
/// enrolment lifted a restriction).
pub async fn remember_account(s: FieldSync, account: crate::records::Account) {
    on_phone!(
        {
            let _ = crate::store::meta::set(crate::store::meta::ACCOUNT, &account).await;
        },
        else ()
    );
    use leptos::prelude::Set;
    s.account.set(Some(account));
}

/// Starts the work a sign-in starts (places, cached pages, the first sync) once a forced
/// password change or enrolment lifted the account's restriction.
pub async fn start_work(s: FieldSync) {
    on_phone!(crate::sync::session::start_work(s).await, else ())
}

/// Signs out, refused while anything is unsent; clears the phone.
pub async fn sign_out(s: FieldSync) -> Result<(), SessionError> {
    on_phone!(
        crate::sync::session::sign_out(s).await,
        else Err(SessionError::Offline)
    )
}

/// Saves a field record on the phone and queues it for the server, in one transaction; then
/// tries to send it. `Err` carries a message for the user.
pub async fn save_field_record<T: Serialize>(
    s: FieldSync,
    kind: RecordKind,
    id: Uuid,
    record: &T,
) -> Result<(), String> {
    let mut changes = Changes::new();
    changes.save_record(kind, id, record);
    save_changes(s, changes).await
}

/// Several changes saved on the phone in ONE transaction (records, their operations in the
/// order added, the links of their attachments) and sent in that order: an intake's
/// household, case, checklist and commands are saved whole or not at all. On the server
/// (never called there) it holds nothing.
///
/// Every operation goes through [`Changes::add`], the one hand-over to the queue: a new
/// operation is a variant of [`OpOut`] and a method here.
#[derive(Default)]
pub struct Changes {
    #[cfg(feature = "hydrate")]
    batch: crate::sync::queue::Batch,
}

impl Changes {
    /// No changes yet.
    pub fn new() -> Self {
        Changes::default()
    }

    /// Saves a field record whole (replacing any save of it still waiting).
    pub fn save_record<T: Serialize>(&mut self, kind: RecordKind, id: Uuid, record: &T) {
        let id = id.to_string();
        self.add(kind, &id, record, |body| OpOut::SaveFieldRecord {
            kind: kind.code(),
            id: &id,
            base_version: None,
            body,
        });
    }

    /// Records a new household.
    pub fn create_household(&mut self, household: &domain::household::Household) {
        let id = household.id.to_string();
        self.add(RecordKind::Household, &id, household, |body| {
            OpOut::CreateHousehold { id: &id, body }
        });
    }

    /// Changes fields of a household the phone holds (`after` as it now reads, `changes`
    /// made against the phone's copy at `base_version`).
    pub fn edit_household(
        &mut self,
        after: &domain::household::Household,
        base_version: i64,
        changes: &[domain::sync::FieldChange],
    ) {
        let id = after.id.to_string();
        self.add(RecordKind::Household, &id, after, |_| {
            OpOut::EditHousehold {
                id: &id,
                base_version,
                changes,
            }
        });
    }

    /// Opens a case; `record` is the draft as the phone's rules make it.
    pub fn create_case(
        &mut self,
        record: &domain::sync::CaseRecord,
        channel: domain::workflow::Channel,
        applicant: Option<domain::ids::UserId>,
    ) {
        let id = record.case.id().to_string();
        let household = record.household.to_string();
        let applicant = applicant.map(|a| a.to_string());
        // A referral's referrer is in the case the phone's rules made (`Case::create_referred`).
        let referred_by = record.case.referred_by().map(str::to_owned);
        self.add(RecordKind::Case, &id, record, |_| OpOut::CreateCase {
            id: &id,
            household: &household,
            channel,
            applicant: applicant.as_deref(),
            referred_by: referred_by.as_deref(),
        });
    }

    /// A workflow command made against `base_version`; `after` is the case as it becomes.
    pub fn case_command(
        &mut self,
        after: &domain::sync::CaseRecord,
        base_version: i64,
        command: &domain::workflow::Command,
        reason: Option<&str>,
    ) {
        let id = after.case.id().to_string();
        self.add(RecordKind::Case, &id, after, |_| OpOut::CaseCommand {
            id: &id,
            base_version,
            command,
            reason,
        });
    }

    /// Links an attachment (a photo or signature kept on the phone) to a record.
    pub fn attach(&mut self, kind: RecordKind, id: Uuid, sha256: &str) {
        on_phone!(self.batch.attach(kind, id, sha256), else ())
    }

    /// Saves `record` as `kind` `id` and queues the operation `op` makes of its stored body.
    fn add<'a, T: Serialize + ?Sized>(
        &mut self,
        kind: RecordKind,
        id: &str,
        record: &T,
        op: impl FnOnce(JsValue) -> OpOut<'a>,
    ) {
        on_phone!(self.batch.add(kind, id, record, op), else ())
    }
}

/// Saves `changes` together and tries to send them. `Err` carries a message for the user.
pub async fn save_changes(s: FieldSync, changes: Changes) -> Result<(), String> {
    on_phone!(
        crate::sync::queue::save_batch(s, changes.batch).await,
        else Err(String::new())
    )
}

/// Queues a refused record again, unchanged (its cause may be gone), and tries to send it.
pub async fn resend(s: FieldSync, key: String) -> Result<(), String> {
    on_phone!(
        crate::sync::resend::resend(s, &key).await,
        else Err(String::new())
    )
}

/// A household edit the server refused, with the helper's copy of the household.
pub async fn household_refusal(
    key: String,
) -> Option<(
    domain::household::Household,
    crate::forms::household_edit::Refusal,
)> {
    on_phone!(crate::sync::resend::household_refusal(&key).await, else None)
}

/// Sends a refused household edit again, keeping the helper's value of each conflicting
/// field marked in `keep_mine` and the township's of the others.
pub async fn resend_household(
    s: FieldSync,
    key: String,
    keep_mine: Vec<bool>,
) -> Result<(), String> {
    on_phone!(
        crate::sync::resend::resend_household(s, &key, &keep_mine).await,
        else Err(String::new())
    )
}

/// A field record the phone holds.
pub async fn field_record<T: DeserializeOwned>(kind: RecordKind, id: Uuid) -> Option<Stored<T>> {
    on_phone!(crate::sync::queue::load(kind, id).await, else None)
}

/// Every record of `kind` on the phone that decodes as `T` (one that does not is skipped and
/// logged: a newer server may send fields an old phone does not know).
pub async fn records_of<T: DeserializeOwned>(kind: RecordKind) -> Vec<Stored<T>> {
    on_phone!(crate::sync::queue::load_all(kind).await, else Vec::new())
}

/// The user's places kept on the phone; with `refresh` and a network, fetched anew first.
pub async fn places(refresh: bool) -> Vec<crate::records::PlaceInfo> {
    on_phone!(
        {
            if refresh {
                crate::sync::reference::fetch_places().await;
            }
            crate::sync::reference::places().await
        },
        else Vec::new()
    )
}

/// The township's helpers by name, for the ledger.
pub async fn helper_names() -> Vec<crate::records::HelperName> {
    on_phone!(crate::sync::reference::helpers().await, else Vec::new())
}

/// A form's unsaved draft, if one was kept.
pub async fn draft<T: DeserializeOwned>(key: &'static str) -> Option<T> {
    draft_at(key).await
}

/// A form kept under a key made at run time (e.g. a saved intake under its case).
pub async fn draft_at<T: DeserializeOwned>(key: &str) -> Option<T> {
    on_phone!(crate::store::meta::get(key).await.ok().flatten(), else None)
}

/// Keeps a form under a key made at run time.
pub async fn keep_draft_at<T: Serialize>(key: &str, value: &T) {
    on_phone!(
        if let Err(e) = crate::store::meta::set(key, value).await {
            leptos::logging::warn!("form not kept: {e}");
        },
        else ()
    )
}

/// The workflow actor of the signed-in account.
pub fn actor(account: &crate::records::Account) -> Option<domain::workflow::Actor> {
    Some(domain::workflow::Actor {
        user: domain::ids::UserId(Uuid::parse_str(&account.user).ok()?),
        role: domain::role::Role::from_code(&account.role)?,
    })
}

/// Keeps a form's draft (every change: nothing typed is lost on a reload).
pub async fn keep_draft<T: Serialize>(key: &'static str, value: &T) {
    on_phone!(
        if let Err(e) = crate::store::meta::set(key, value).await {
            leptos::logging::warn!("draft not kept: {e}");
        },
        else ()
    )
}

/// Drops a form kept under a key made at run time.
pub async fn drop_draft_at(key: &str) {
    on_phone!(
        {
            let _ = crate::store::meta::remove(key).await;
        },
        else ()
    )
}

/// Drops a form's draft once it is saved.
pub async fn drop_draft(key: &'static str) {
    drop_draft_at(key).await
}

/// A new id for a record made on this phone (UUIDv7). On the server (never called there) a
/// nil id.
pub fn new_id() -> Uuid {
    on_phone!(crate::sync::time::new_id(), else Uuid::nil())
}

/// Today in Beijing (the day every working-day rule counts in), by the phone's clock.
pub fn today() -> chrono::NaiveDate {
    domain::clocks::china_date(now())
}

/// Now, by the phone's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    on_phone!(crate::sync::time::now(), else chrono::DateTime::default())
}

/// The phone's time zone now, to show and read times as the helper's clock does. On the
/// server (never shown there) UTC.
pub fn utc_offset() -> chrono::FixedOffset {
    on_phone!(
        crate::sync::time::utc_offset(),
        else chrono::FixedOffset::east_opt(0).expect("UTC is a valid offset")
    )
}

/// Re-counts the photos and signatures still to upload, into [`FieldSync::uploads`].
pub async fn count_uploads(s: FieldSync) {
    on_phone!(crate::sync::uploads::count(s).await, else ())
}
