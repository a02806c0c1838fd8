//! The server's configuration: one struct, every field a flag and an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use domain::authorization::IdentityMethod;

/// Settings of one server process. See `.env.sample` for a documented example.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ONEDOOR_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://PATH` (embedded, the default) or `postgres://…`.
    #[arg(
        long,
        env = "ONEDOOR_DATABASE_URL",
        default_value = "sqlite://data/onedoor.db"
    )]
    pub database_url: String,

    /// Production: refuse to start with the development SMS sender, demo data, or a key file
    /// that others than the server's user may read.
    #[arg(long, env = "ONEDOOR_PRODUCTION", default_value_t = false)]
    pub production: bool,

    /// Load the demo county, villages, households and accounts into an empty database.
    #[arg(long, env = "ONEDOOR_DEMO_DATA", default_value_t = false)]
    pub demo_data: bool,

    /// Folder with the built site (cargo-leptos output: pkg/, icons, sw.js).
    #[arg(long, env = "ONEDOOR_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Log filter in `tracing` syntax, e.g. `info,server=debug`.
    #[arg(long, env = "ONEDOOR_LOG", default_value = "info")]
    pub log: String,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "ONEDOOR_SESSION_IDLE_MINUTES", default_value_t = 240)]
    pub session_idle_minutes: i64,

    /// Hours after sign-in at which a session ends however much it is used. Helpers work
    /// offline for days, so this is longer than an office system's.
    #[arg(long, env = "ONEDOOR_SESSION_MAX_HOURS", default_value_t = 72)]
    pub session_max_hours: i64,

    /// Days after a phone's last use of its session (with no sign-in since) at which it is
    /// told to delete its personal data (`sign_in_lapsed`), when nothing on it is unsent.
    #[arg(long, env = "ONEDOOR_WIPE_AFTER_DAYS", default_value_t = 14)]
    pub wipe_after_days: i64,

    /// How one-time codes are sent: `dev` writes them to the outbox file (never for real
    /// residents), `command` runs the program given by `--sms-command`.
    #[arg(long, env = "ONEDOOR_SMS_SENDER", value_enum, default_value_t = SmsSenderKind::Dev)]
    pub sms_sender: SmsSenderKind,

    /// The development sender's outbox file.
    #[arg(
        long,
        env = "ONEDOOR_SMS_OUTBOX",
        default_value = "data/sms-outbox.log"
    )]
    pub sms_outbox: PathBuf,

    /// The SMS gateway's client program; it gets `{"phone", "text"}` as JSON on stdin.
    #[arg(long, env = "ONEDOOR_SMS_COMMAND")]
    pub sms_command: Option<PathBuf>,

    /// The reverse proxies in front of the server, comma-separated addresses or networks
    /// (`127.0.0.1,10.0.0.0/8`). A request from one of them is taken to come from the right-most
    /// address in `X-Forwarded-For` that is not one of them; from anywhere else the header is
    /// ignored. Empty (the default): no proxy, the peer is the client.
    #[arg(long, env = "ONEDOOR_TRUSTED_PROXIES", value_delimiter = ',',
        value_parser = crate::security::client_address::parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The key one-time codes are stored under (HMAC-SHA256; created owner-only if missing).
    #[arg(
        long,
        env = "ONEDOOR_OTP_KEY_FILE",
        default_value = "data/otp-hmac.key"
    )]
    pub otp_key_file: PathBuf,

    /// At most this many one-time codes are sent within an hour, in all (besides the limits
    /// per phone and per client address).
    #[arg(long, env = "ONEDOOR_OTP_REQUESTS_PER_HOUR", default_value_t = 1000)]
    pub otp_requests_per_hour: i64,

    /// The key staff TOTP secrets are sealed under (ChaCha20-Poly1305; created owner-only if
    /// missing). Losing it makes every enrolled second factor unusable (enrol again).
    #[arg(
        long,
        env = "ONEDOOR_TOTP_KEY_FILE",
        default_value = "data/totp-secrets.key"
    )]
    pub totp_key_file: PathBuf,

    /// The roles whose accounts must sign in with a second factor (TOTP), comma-separated role
    /// codes; other staff may enrol one by choice. Empty: none required.
    #[arg(
        long,
        env = "ONEDOOR_TOTP_REQUIRED_ROLES",
        value_delimiter = ',',
        default_value = "admin,supervisor"
    )]
    pub totp_required_roles: Vec<String>,

    /// Live sessions (devices) one account may hold: a new sign-in ends the oldest beyond it.
    #[arg(long, env = "ONEDOOR_SESSIONS_PER_ACCOUNT", default_value_t = 3)]
    pub sessions_per_account: i64,

    /// The Ed25519 key that signs exports of the audit chain's head (created if missing).
    #[arg(
        long,
        env = "ONEDOOR_AUDIT_KEY_FILE",
        default_value = "data/audit-signing.key"
    )]
    pub audit_key_file: PathBuf,

    /// Seconds between two automatic signatures of the audit chain's head (0: only on
    /// demand). A head is signed only when something was recorded since the last one.
    #[arg(
        long,
        env = "ONEDOOR_AUDIT_SIGN_INTERVAL_SECONDS",
        default_value_t = 3600
    )]
    pub audit_sign_interval_seconds: u64,

    /// The file each automatically signed head is appended to (one JSON line each): keep it,
    /// like the key, where the database's copies are not.
    #[arg(
        long,
        env = "ONEDOOR_AUDIT_HEADS_FILE",
        default_value = "data/audit-heads.jsonl"
    )]
    pub audit_heads_file: PathBuf,

    /// Where attachment files (photos, signatures, PDFs) are kept.
    #[arg(
        long,
        env = "ONEDOOR_ATTACHMENT_DIR",
        default_value = "data/attachments"
    )]
    pub attachment_dir: PathBuf,

    /// The Ed25519 key that countersigns verification authorizations (created owner-only if
    /// missing; `onedoor authorization rotate-key` retires it and makes a new one).
    #[arg(
        long,
        env = "ONEDOOR_AUTHORIZATION_KEY_FILE",
        default_value = "data/authorization-key.hex"
    )]
    pub authorization_key_file: PathBuf,

    /// How a signer's identity may be confirmed for an authorization: `in_person` (the
    /// helper's attestation with a photo of the signer holding their ID card) and/or
    /// `one_time_code` (a code sent to the signer's own phone), comma-separated.
    #[arg(
        long,
        env = "ONEDOOR_AUTHORIZATION_IDENTITY_METHODS",
        value_delimiter = ',',
        value_parser = parse_identity_method,
        default_value = "in_person,one_time_code"
    )]
    pub authorization_identity_methods: Vec<IdentityMethod>,

    /// Seconds between rounds of the sender of case messages (texts telling the applicant and
    /// their helper that a case was accepted, needs materials, has a result, is late); 0 sends
    /// none (they stay queued).
    #[arg(long, env = "ONEDOOR_NOTIFY_INTERVAL_SECONDS", default_value_t = 10)]
    pub notify_interval_seconds: u64,

    /// How many days in the past an operation's time may lie (a phone offline that long):
    /// older ones are refused; accepted ones more than a day old are flagged as late.
    #[arg(long, env = "ONEDOOR_OFFLINE_ALLOWANCE_DAYS", default_value_t = 30)]
    pub offline_allowance_days: i64,

    /// Days an applied operation's stored answer is kept for replay; after that only its id
    /// and a digest remain (a replay is still recognised and not applied again).
    #[arg(long, env = "ONEDOOR_OP_RETENTION_DAYS", default_value_t = 30)]
    pub op_retention_days: i64,

    /// Unfinished uploads one account may have at once.
    #[arg(long, env = "ONEDOOR_UPLOAD_QUOTA_COUNT", default_value_t = 50)]
    pub upload_quota_count: i64,

    /// Megabytes of unfinished uploads (announced sizes) one account may have at once.
    #[arg(long, env = "ONEDOOR_UPLOAD_QUOTA_MB", default_value_t = 200)]
    pub upload_quota_mb: i64,

    /// Hours after which an unfinished upload and its partial file are deleted.
    #[arg(long, env = "ONEDOOR_UPLOAD_EXPIRY_HOURS", default_value_t = 24)]
    pub upload_expiry_hours: i64,

    /// Minutes between two rounds of housekeeping (pruning old answers, expired uploads).
    #[arg(long, env = "ONEDOOR_HOUSEKEEPING_MINUTES", default_value_t = 60)]
    pub housekeeping_minutes: u64,
}

/// One identity method as written in the configuration.
fn parse_identity_method(s: &str) -> Result<IdentityMethod, String> {
    match s.trim() {
        "in_person" => Ok(IdentityMethod::InPerson),
        "one_time_code" => Ok(IdentityMethod::OneTimeCode),
        other => Err(format!(
            "unknown identity method `{other}` (in_person, one_time_code)"
        )),
    }
}

/// Which SMS sender to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmsSenderKind {
    /// Development: write to the outbox file and the log; nothing is sent.
    Dev,
    /// Run the configured gateway program.
    Command,
}

impl Config {
    /// A configuration for tests: port 0, the given database, no site files.
    pub fn for_tests(database_url: impl Into<String>) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database_url: database_url.into(),
            production: false,
            demo_data: false,
            site_root: PathBuf::from("target/site"),
            log: "warn".into(),
            session_idle_minutes: 240,
            session_max_hours: 72,
            wipe_after_days: 14,
            sms_sender: SmsSenderKind::Dev,
            sms_outbox: PathBuf::from("data/sms-outbox.log"),
            sms_command: None,
            trusted_proxies: Vec::new(),
            otp_key_file: std::env::temp_dir().join("onedoor-test-otp-hmac.key"),
            otp_requests_per_hour: 1000,
            totp_key_file: std::env::temp_dir().join("onedoor-test-totp-secrets.key"),
            totp_required_roles: vec!["admin".into(), "supervisor".into()],
            sessions_per_account: 3,
            audit_key_file: PathBuf::from("data/audit-signing.key"),
            audit_sign_interval_seconds: 0,
            audit_heads_file: PathBuf::from("data/audit-heads.jsonl"),
            attachment_dir: std::env::temp_dir().join("onedoor-test-attachments"),
            authorization_key_file: std::env::temp_dir().join("onedoor-test-authorization-key.hex"),
            authorization_identity_methods: vec![
                IdentityMethod::InPerson,
                IdentityMethod::OneTimeCode,
            ],
            // Tests drive the sender themselves (`notify::send_due`).
            notify_interval_seconds: 0,
            offline_allowance_days: 30,
            op_retention_days: 30,
            upload_quota_count: 50,
            upload_quota_mb: 200,
            upload_expiry_hours: 24,
            housekeeping_minutes: 60,
        }
    }

    /// The automatic signing of the audit chain's head (issue 22 point 15).
    pub fn audit_auto_sign(&self) -> crate::audit::auto_sign::AutoSign {
        crate::audit::auto_sign::AutoSign {
            key_file: self.audit_key_file.clone(),
            heads_file: self.audit_heads_file.clone(),
            every: (self.audit_sign_interval_seconds > 0)
                .then(|| std::time::Duration::from_secs(self.audit_sign_interval_seconds)),
        }
    }

    /// The retention and quota settings (issue 22, points 8, 10, 11).
    pub fn housekeeping(&self) -> crate::housekeeping::Settings {
        crate::housekeeping::Settings {
            offline_allowance: chrono::Duration::days(self.offline_allowance_days),
            op_retention: chrono::Duration::days(self.op_retention_days),
            upload_quota: crate::attachments::UploadQuota {
                count: self.upload_quota_count,
                bytes: self.upload_quota_mb.saturating_mul(1024 * 1024),
            },
            upload_expiry: chrono::Duration::hours(self.upload_expiry_hours),
            every: std::time::Duration::from_secs(self.housekeeping_minutes.max(1) * 60),
        }
    }
}

impl Config {
    /// The sign-in settings this configuration asks for.
    pub fn auth_settings(&self) -> anyhow::Result<crate::auth::AuthSettings> {
        use std::sync::Arc;

        use crate::auth::sms::{CommandSender, DevSender, SmsSender};
        let sms: Arc<dyn SmsSender> = match (self.sms_sender, &self.sms_command) {
            (SmsSenderKind::Dev, _) => Arc::new(DevSender {
                outbox: self.sms_outbox.clone(),
            }),
            (SmsSenderKind::Command, Some(program)) => Arc::new(CommandSender {
                program: program.clone(),
            }),
            (SmsSenderKind::Command, None) => {
                anyhow::bail!("--sms-sender command needs --sms-command")
            }
        };
        Ok(crate::auth::AuthSettings {
            idle: chrono::Duration::minutes(self.session_idle_minutes),
            max_age: chrono::Duration::hours(self.session_max_hours),
            wipe_after: chrono::Duration::days(self.wipe_after_days.max(1)),
            sms,
            proxies: crate::security::client_address::TrustedProxies::new(
                self.trusted_proxies.clone(),
            ),
            codes: crate::auth::otp::CodeKey::new(crate::security::secret_file::load_or_create(
                &self.otp_key_file,
            )?),
            otp_requests_per_hour: self.otp_requests_per_hour,
            totp_key: crate::auth::totp::TotpKey::new(
                crate::security::secret_file::load_or_create(&self.totp_key_file)?,
            ),
            totp_required: self.totp_required_roles()?,
            sessions_per_account: self.sessions_per_account.max(1),
        })
    }

    /// The roles that must use a second factor, as configured.
    pub fn totp_required_roles(&self) -> anyhow::Result<Vec<domain::role::Role>> {
        self.totp_required_roles
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| {
                domain::role::Role::from_code(s).ok_or_else(|| {
                    anyhow::anyhow!("ONEDOOR_TOTP_REQUIRED_ROLES: unknown role `{s}`")
                })
            })
            .collect()
    }
}
