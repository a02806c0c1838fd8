//! Fixing a package the server refused (issue 18, "bad input"): what the installation accepts
//! as the phone last learned it (the text in force, the versions known, the identity methods
//! allowed), so the check before saving refuses what the server would; and the refusal's
//! problems, each at its member's line while that member's consent is still as refused.

use domain::authorization::{
    AuthorizationError, AuthorizationRecord, AuthorizationText, IdentityMethod,
};
use domain::household::Household;
use domain::ids::MemberId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::authorization::PHONE_METHODS;

/// What this installation accepts in a package (`GET /api/authorizations/v1/settings`), as
/// the phone last learned it; before it ever synced, the built-in text and every method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The text new packages are signed under.
    pub text: AuthorizationText,
    /// Every text version a package may name.
    pub versions: Vec<String>,
    /// The identity methods allowed.
    pub identity_methods: Vec<IdentityMethod>,
}

impl Default for Accepted {
    fn default() -> Self {
        let text = AuthorizationText::builtin();
        Accepted {
            versions: vec![text.version.clone()],
            text,
            identity_methods: PHONE_METHODS.to_vec(),
        }
    }
}

impl Accepted {
    /// Whether the server knows `version`.
    pub fn knows(&self, version: &str) -> bool {
        self.text.version == version || self.versions.iter().any(|v| v == version)
    }

    /// Whether the installation allows `method`.
    pub fn allows(&self, method: IdentityMethod) -> bool {
        self.identity_methods.contains(&method)
    }
}

/// One problem of a refused package as the push answer carries it (`OpResult::problems`):
/// kept as text, so that a code a newer server adds is still shown (by its code) rather
/// than breaking the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedProblem {
    /// `AuthorizationError`'s code (`method_not_allowed`, …).
    pub code: String,
    /// The member it concerns, if any.
    #[serde(default)]
    pub member: Option<String>,
}

impl RefusedProblem {
    /// The problem as the domain names it, when this phone knows its code.
    pub fn known(&self) -> Option<AuthorizationError> {
        let mut v = serde_json::json!({ "code": self.code });
        if let Some(m) = &self.member {
            v["member"] = serde_json::Value::from(m.as_str());
        }
        serde_json::from_value(v).ok()
    }

    /// The member it concerns, if any.
    pub fn member_id(&self) -> Option<MemberId> {
        Uuid::parse_str(self.member.as_deref()?).ok().map(MemberId)
    }

    /// What the phone says, in Chinese or English.
    pub fn message(&self, english: bool) -> String {
        match (self.known(), english) {
            (Some(e), false) => e.message_zh().to_owned(),
            (Some(e), true) => e.message_en().to_owned(),
            (None, false) => format!("乡镇未接收（{}）", self.code),
            (None, true) => format!("Refused by the township ({})", self.code),
        }
    }
}

/// The refused package's problems as the sync page lists them, in order: whom each concerns
/// (the member's masked name as the package names them, or `None` for the whole package)
/// and what it is, in the page's language.
/// A member the package does not name (one left out) is named as `household` has them.
pub fn problem_lines(
    refused: &AuthorizationRecord,
    household: Option<&Household>,
    problems: &[RefusedProblem],
    english: bool,
) -> Vec<(Option<String>, String)> {
    problems
        .iter()
        .map(|p| {
            let who = p.member_id().map(|m| {
                let named = refused
                    .members
                    .iter()
                    .find(|c| c.member == m)
                    .map(|c| c.name.as_str());
                let registered = || {
                    household?
                        .members
                        .iter()
                        .find(|h| h.id == m)
                        .map(|h| h.name.expose())
                };
                named
                    .or_else(registered)
                    .map(domain::identity::mask_name)
                    .unwrap_or_else(|| "?".to_owned())
            });
            (who, p.message(english))
        })
        .collect()
}

/// The refused problems that still stand in `now`, the package as the helper has fixed it so
/// far: a member's while they are covered as in `refused` and their consent has the same
/// signatory, mark and identity method; the package's own (its text, its period) while it
/// names the same text. What the helper changed is judged again by the check before saving.
pub fn still_refused(
    refused: &AuthorizationRecord,
    problems: &[RefusedProblem],
    now: &AuthorizationRecord,
) -> Vec<RefusedProblem> {
    problems
        .iter()
        .filter(|p| match p.member_id() {
            Some(m) => consent(refused, m) == consent(now, m),
            None => {
                (&refused.text_version, &refused.text_sha256)
                    == (&now.text_version, &now.text_sha256)
            }
        })
        .cloned()
        .collect()
}

/// How `record` covers `member`: listed or not, and their consent's signatory, mark and
/// identity method.
fn consent(
    record: &AuthorizationRecord,
    member: MemberId,
) -> (
    bool,
    Option<(
        &domain::authorization::Signatory,
        &domain::authorization::Mark,
        IdentityMethod,
    )>,
) {
    let listed = record.members.iter().any(|m| m.member == member);
    let signed = record
        .signatures
        .iter()
        .find(|s| s.member == member)
        .map(|s| (&s.by, &s.mark, s.identity.method()));
    (listed, signed)
}

#[cfg(test)]
#[path = "authorization_fix_tests.rs"]
mod tests;
