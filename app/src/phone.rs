//! What pages ask of the phone: signing in and out, saving a field record with its queued
//! change, re-sending a refused one, drafts. The same calls compile on the server, where they
//! answer "not here" (event handlers never run there), so pages need no `cfg`.

use domain::sync::RecordKind;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::contexts::FieldSync;

/// Where the hardship form keeps its draft.
pub const HARDSHIP_DRAFT: &str = "draft:hardship";
/// Where the intake keeps its draft.
pub const INTAKE_DRAFT: &str = "draft:intake";

/// Why signing in or out did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionError {
    /// No network: signing in needs one.
    Offline,
    /// The server refused; its message says why.
    Refused(String),
    /// The phone still holds another account's unsent records.
    OtherAccountUnsent,
    /// Records wait to be sent: send them first.
    Unsent(usize),
    /// The phone's storage failed.
    Storage(String),
    /// The password was right; the account's second factor (a code) comes next.
    SecondFactor,
}

/// A stored record as a form reads it back.
#[derive(Debug, Clone)]
pub struct Stored<T> {
    /// The record.
    pub record: T,
    /// Why the server refused it, if it did.
    pub message: Option<String>,
    /// Where it stands in sync.
    pub state: crate::records::RecordState,
    /// The server's version, once the server has it.
    pub version: Option<i64>,
}

/// Signs in (needs a network) and starts the first sync.
pub async fn sign_in(s: FieldSync, username: &str, password: &str) -> Result<(), SessionError> {
    #[cfg(feature = "hydrate")]
    return crate::sync::session::sign_in(s, username, password).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, username, password);
        Err(SessionError::Offline)
    }
}

/// The second sign-in step: the code from the authenticator app (or a recovery code) after a
/// password that answered [`SessionError::SecondFactor`].
pub async fn sign_in_code(s: FieldSync, code: &str) -> Result<(), SessionError> {
    #[cfg(feature = "hydrate")]
    return crate::sync::session::sign_in_code(s, code).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, code);
        Err(SessionError::Offline)
    }
}

/// Keeps the account as the server now describes it (after a password change or an
/// enrolment lifted a restriction).
pub async fn remember_account(s: FieldSync, account: crate::records::Account) {
    #[cfg(feature = "hydrate")]
    {
        let _ = crate::store::meta::set(crate::store::meta::ACCOUNT, &account).await;
    }
    use leptos::prelude::Set;
    s.account.set(Some(account));
}

/// Starts the work a sign-in starts (places, cached pages, the first sync) once a forced
/// password change or enrolment lifted the account's restriction.
pub async fn start_work(s: FieldSync) {
    #[cfg(feature = "hydrate")]
    crate::sync::session::start_work(s).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}

/// Signs out, refused while anything is unsent; clears the phone.
pub async fn sign_out(s: FieldSync) -> Result<(), SessionError> {
    #[cfg(feature = "hydrate")]
    return crate::sync::session::sign_out(s).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = s;
        Err(SessionError::Offline)
    }
}

/// Saves a field record on the phone and queues it for the server, in one transaction; then
/// tries to send it. `Err` carries a message for the user.
pub async fn save_field_record<T: Serialize>(
    s: FieldSync,
    kind: RecordKind,
    id: Uuid,
    record: &T,
) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::save(s, kind, id, record).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, kind, id, record);
        Err(String::new())
    }
}

/// Several changes saved on the phone in ONE transaction (records, their operations in the
/// order added, the links of their attachments) and sent in that order: an intake's
/// household, case, checklist and commands are saved whole or not at all. On the server
/// (never called there) it holds nothing.
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
        #[cfg(feature = "hydrate")]
        self.batch.field_record(kind, id, record);
        #[cfg(not(feature = "hydrate"))]
        let _ = (kind, id, record);
    }

    /// Records a new household.
    pub fn create_household(&mut self, household: &domain::household::Household) {
        #[cfg(feature = "hydrate")]
        self.batch.create_household(household);
        #[cfg(not(feature = "hydrate"))]
        let _ = household;
    }

    /// Changes fields of a household the phone holds (`after` as it now reads, `changes`
    /// made against the phone's copy at `base_version`).
    pub fn edit_household(
        &mut self,
        after: &domain::household::Household,
        base_version: i64,
        changes: &[domain::sync::FieldChange],
    ) {
        #[cfg(feature = "hydrate")]
        self.batch.edit_household(after, base_version, changes);
        #[cfg(not(feature = "hydrate"))]
        let _ = (after, base_version, changes);
    }

    /// Opens a case; `record` is the draft as the phone's rules make it.
    pub fn create_case(
        &mut self,
        record: &domain::sync::CaseRecord,
        channel: domain::workflow::Channel,
        applicant: Option<domain::ids::UserId>,
    ) {
        #[cfg(feature = "hydrate")]
        self.batch.create_case(record, channel, applicant);
        #[cfg(not(feature = "hydrate"))]
        let _ = (record, channel, applicant);
    }

    /// A workflow command made against `base_version`; `after` is the case as it becomes.
    pub fn case_command(
        &mut self,
        after: &domain::sync::CaseRecord,
        base_version: i64,
        command: &domain::workflow::Command,
        reason: Option<&str>,
    ) {
        #[cfg(feature = "hydrate")]
        self.batch
            .case_command(after, base_version, command, reason);
        #[cfg(not(feature = "hydrate"))]
        let _ = (after, base_version, command, reason);
    }

    /// Links an attachment (a photo or signature kept on the phone) to a record.
    pub fn attach(&mut self, kind: RecordKind, id: Uuid, sha256: &str) {
        #[cfg(feature = "hydrate")]
        self.batch.attach(kind, id, sha256);
        #[cfg(not(feature = "hydrate"))]
        let _ = (kind, id, sha256);
    }
}

/// Saves `changes` together and tries to send them. `Err` carries a message for the user.
pub async fn save_changes(s: FieldSync, changes: Changes) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::save_batch(s, changes.batch).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, changes);
        Err(String::new())
    }
}

/// Queues a refused record again, unchanged (its cause may be gone), and tries to send it.
pub async fn resend(s: FieldSync, key: String) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::resend(s, &key).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, key);
        Err(String::new())
    }
}

/// A household edit the server refused, with the helper's copy of the household.
pub async fn household_refusal(
    key: String,
) -> Option<(
    domain::household::Household,
    crate::forms::household_edit::Refusal,
)> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::household_refusal(&key).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// Sends a refused household edit again, keeping the helper's value of each conflicting
/// field marked in `keep_mine` and the township's of the others.
pub async fn resend_household(
    s: FieldSync,
    key: String,
    keep_mine: Vec<bool>,
) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::resend_household(s, &key, &keep_mine).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (s, key, keep_mine);
        Err(String::new())
    }
}

/// A field record the phone holds.
pub async fn field_record<T: DeserializeOwned>(kind: RecordKind, id: Uuid) -> Option<Stored<T>> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::load(kind, id).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (kind, id);
        None
    }
}

/// Every record of `kind` on the phone that decodes as `T` (one that does not is skipped and
/// logged: a newer server may send fields an old phone does not know).
pub async fn records_of<T: DeserializeOwned>(kind: RecordKind) -> Vec<Stored<T>> {
    #[cfg(feature = "hydrate")]
    return crate::sync::queue::load_all(kind).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = kind;
        Vec::new()
    }
}

/// The user's places kept on the phone; with `refresh` and a network, fetched anew first.
pub async fn places(refresh: bool) -> Vec<crate::records::PlaceInfo> {
    #[cfg(feature = "hydrate")]
    {
        if refresh {
            crate::sync::reference::fetch_places().await;
        }
        crate::sync::reference::places().await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = refresh;
        Vec::new()
    }
}

/// A form's unsaved draft, if one was kept.
pub async fn draft<T: DeserializeOwned>(key: &'static str) -> Option<T> {
    #[cfg(feature = "hydrate")]
    return crate::store::meta::get(key).await.ok().flatten();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// A form kept under a key made at run time (e.g. a saved intake under its case).
pub async fn draft_at<T: DeserializeOwned>(key: &str) -> Option<T> {
    #[cfg(feature = "hydrate")]
    return crate::store::meta::get(key).await.ok().flatten();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// Keeps a form under a key made at run time.
pub async fn keep_draft_at<T: Serialize>(key: &str, value: &T) {
    #[cfg(feature = "hydrate")]
    if let Err(e) = crate::store::meta::set(key, value).await {
        leptos::logging::warn!("form not kept: {e}");
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, value);
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
    #[cfg(feature = "hydrate")]
    if let Err(e) = crate::store::meta::set(key, value).await {
        leptos::logging::warn!("draft not kept: {e}");
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, value);
}

/// Drops a form kept under a key made at run time.
pub async fn drop_draft_at(key: &str) {
    #[cfg(feature = "hydrate")]
    let _ = crate::store::meta::remove(key).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
}

/// Drops a form's draft once it is saved.
pub async fn drop_draft(key: &'static str) {
    #[cfg(feature = "hydrate")]
    let _ = crate::store::meta::remove(key).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = key;
}

/// A new id for a record made on this phone (UUIDv7). On the server (never called there) a
/// nil id.
pub fn new_id() -> Uuid {
    #[cfg(feature = "hydrate")]
    return crate::sync::time::new_id();
    #[cfg(not(feature = "hydrate"))]
    Uuid::nil()
}

/// Today in Beijing (the day every working-day rule counts in), by the phone's clock.
pub fn today() -> chrono::NaiveDate {
    domain::clocks::china_date(now())
}

/// Now, by the phone's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    #[cfg(feature = "hydrate")]
    return crate::sync::time::now();
    #[cfg(not(feature = "hydrate"))]
    chrono::DateTime::default()
}

/// The phone's time zone now, to show and read times as the helper's clock does. On the
/// server (never shown there) UTC.
pub fn utc_offset() -> chrono::FixedOffset {
    #[cfg(feature = "hydrate")]
    {
        // Minutes behind UTC: -480 in China.
        let behind = js_sys::Date::new_0().get_timezone_offset();
        if let Some(o) = chrono::FixedOffset::west_opt((behind * 60.0) as i32) {
            return o;
        }
    }
    chrono::FixedOffset::east_opt(0).expect("UTC is a valid offset")
}

/// Re-counts the photos and signatures still to upload, into [`FieldSync::uploads`].
pub async fn count_uploads(s: FieldSync) {
    #[cfg(feature = "hydrate")]
    crate::sync::uploads::count(s).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}
