//! What the pages show of the phone's records, on the server (empty) and in the browser.

use serde::{Deserialize, Serialize};

/// Where a record stands on its way to the township.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Saved on the phone, waiting for a network.
    Saved,
    /// On its way.
    Sending,
    /// The server has it (received by the township).
    Received,
    /// The server refused it: the helper must look at it.
    Attention,
}

impl RecordState {
    /// Whether the record still has to reach the server.
    pub fn unsent(self) -> bool {
        self != RecordState::Received
    }

    /// Stable class and test name.
    pub fn code(self) -> &'static str {
        match self {
            RecordState::Saved => "saved",
            RecordState::Sending => "sending",
            RecordState::Received => "received",
            RecordState::Attention => "attention",
        }
    }
}

/// The signed-in account as the server describes it (`GET /api/auth/me`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Account id.
    pub user: String,
    /// Role code.
    pub role: String,
    /// The place the account works for.
    pub place: String,
    /// Department, for department officers.
    #[serde(default)]
    pub department: Option<String>,
    /// Display name.
    pub display_name: String,
    /// A generated password that must be changed before anything else.
    #[serde(default)]
    pub must_change_password: bool,
    /// The role requires a second factor that is not enrolled yet: enrol before anything else.
    #[serde(default)]
    pub totp_enrolment_required: bool,
    /// A second factor is enrolled.
    #[serde(default)]
    pub totp_enabled: bool,
    /// The role requires a second factor (it cannot be turned off).
    #[serde(default)]
    pub totp_required: bool,
}

impl Account {
    /// Whether the account must first change its password or enrol a second factor (the
    /// server refuses everything else until then).
    pub fn restricted(&self) -> bool {
        self.must_change_password || self.totp_enrolment_required
    }

    /// Whether the account works at a desk (window, verification, department, supervision):
    /// its home and navigation offer the inbox instead of the helper's field work.
    pub fn is_staff(&self) -> bool {
        matches!(
            self.role.as_str(),
            "window_clerk"
                | "verifier"
                | "department_officer"
                | "supervisor"
                | "admin"
                | "township_leader"
        )
    }
}

/// One of the helper's field records as the sync page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    /// Store key (`kind:id`).
    pub key: String,
    /// Kind code (`hardship`, `visit` …).
    pub kind: String,
    /// One line saying what it is, with names masked.
    pub title: String,
    /// Where it stands.
    pub state: RecordState,
    /// Why it was refused.
    pub message: Option<String>,
    /// When it was saved (ms since 1970), for sorting newest first.
    pub saved_at: f64,
}

/// Brings `rows` up to date with what was just stored: the rows of `fresh`'s records replace
/// theirs, `removed` keys go, and the list stays newest first. One pass over the rows and a
/// sort of a nearly sorted list, instead of re-reading every record on the phone after each
/// save or pushed chunk.
pub fn merge_rows(rows: &mut Vec<RecordRow>, fresh: Vec<RecordRow>, replaced: &[&str]) {
    if fresh.is_empty() && replaced.is_empty() {
        return;
    }
    let gone: std::collections::HashSet<&str> = replaced
        .iter()
        .copied()
        .chain(fresh.iter().map(|r| r.key.as_str()))
        .collect();
    rows.retain(|r| !gone.contains(r.key.as_str()));
    rows.extend(fresh);
    sort_rows(rows);
}

/// Newest first; rows saved in the same millisecond in key order, so that the list does not
/// reorder itself between updates.
pub fn sort_rows(rows: &mut [RecordRow]) {
    rows.sort_by(|a, b| {
        b.saved_at
            .total_cmp(&a.saved_at)
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// A helper of the user's township and the name the helper ledger shows (`GET /api/places`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperName {
    /// The account's id.
    pub id: String,
    /// Its name (李网格).
    pub name: String,
}

/// One place of the user's part of the jurisdiction tree (`GET /api/places`), kept on the
/// phone for pickers and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceInfo {
    /// Place code (`500231101201-G01`).
    pub code: String,
    /// Its name (毛家村第1网格).
    pub name_zh: String,
    /// `county`, `township`, `village` or `grid`.
    pub level: String,
    /// The place above it.
    #[serde(default)]
    pub parent: Option<String>,
}

/// The grids (or, without grids, villages) at or below `place` among `places`, in code
/// order; where the phone knows no names, the codes themselves (from the households it
/// holds) stand in.
pub fn pickable_places(
    places: &[PlaceInfo],
    place: &str,
    known_codes: &[String],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = places
        .iter()
        .filter(|p| p.code.starts_with(place) && p.level == "grid")
        .map(|p| (p.code.clone(), p.name_zh.clone()))
        .collect();
    if out.is_empty() {
        out = places
            .iter()
            .filter(|p| p.code.starts_with(place) && p.level == "village")
            .map(|p| (p.code.clone(), p.name_zh.clone()))
            .collect();
    }
    for code in known_codes {
        if code.starts_with(place) && !out.iter().any(|(c, _)| c == code) {
            out.push((code.clone(), code.clone()));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(code: &str, level: &str) -> PlaceInfo {
        PlaceInfo {
            code: code.to_owned(),
            name_zh: format!("名{code}"),
            level: level.to_owned(),
            parent: None,
        }
    }

    #[test]
    fn grids_below_the_place_then_villages_then_known_codes() {
        let places = vec![
            place("500231101201", "village"),
            place("500231101201-G02", "grid"),
            place("500231101201-G01", "grid"),
            place("500231101202-G01", "grid"),
        ];
        let picked = pickable_places(&places, "500231101201", &[]);
        let codes: Vec<&str> = picked.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["500231101201-G01", "500231101201-G02"]);
        let villages = pickable_places(&places[..1], "5002311012", &[]);
        assert_eq!(villages[0].0, "500231101201");
        let known = pickable_places(&[], "500231101201", &["500231101201-G03".to_owned()]);
        assert_eq!(
            known,
            vec![("500231101201-G03".to_owned(), "500231101201-G03".to_owned())]
        );
    }

    fn row(key: &str, saved_at: f64, state: RecordState) -> RecordRow {
        RecordRow {
            key: key.to_owned(),
            kind: "hardship".to_owned(),
            title: key.to_owned(),
            state,
            message: None,
            saved_at,
        }
    }

    #[test]
    fn merged_rows_replace_theirs_drop_the_removed_and_stay_newest_first() {
        let mut rows = vec![
            row("a", 3.0, RecordState::Saved),
            row("b", 2.0, RecordState::Saved),
            row("c", 1.0, RecordState::Saved),
        ];
        merge_rows(
            &mut rows,
            vec![
                row("c", 4.0, RecordState::Sending),
                row("d", 2.0, RecordState::Received),
            ],
            &["b"],
        );
        let got: Vec<(&str, RecordState)> =
            rows.iter().map(|r| (r.key.as_str(), r.state)).collect();
        assert_eq!(
            got,
            [
                ("c", RecordState::Sending),
                ("a", RecordState::Saved),
                ("d", RecordState::Received)
            ]
        );
    }

    use proptest::prelude::*;

    fn rows_strategy() -> impl Strategy<Value = Vec<(u8, u8)>> {
        proptest::collection::vec((0u8..20, 0u8..5), 0..30)
    }

    proptest! {
        /// Merging an update gives the rows that rebuilding the list from the whole store
        /// would: the store as a map of key to row, overwritten by the update.
        #[test]
        fn merging_equals_rebuilding(before in rows_strategy(), update in rows_strategy(), removed in proptest::collection::vec(0u8..20, 0..5)) {
            let make = |(k, t): (u8, u8)| row(&format!("k{k}"), f64::from(t), RecordState::Saved);
            let mut store: std::collections::BTreeMap<String, RecordRow> =
                before.iter().map(|&p| (format!("k{}", p.0), make(p))).collect();
            let mut rows: Vec<RecordRow> = store.values().cloned().collect();
            sort_rows(&mut rows);
            let mut fresh: std::collections::BTreeMap<String, RecordRow> = Default::default();
            for &p in &update {
                fresh.insert(format!("k{}", p.0), make(p));
            }
            let removed: Vec<String> = removed
                .iter()
                .map(|k| format!("k{k}"))
                .filter(|k| !fresh.contains_key(k))
                .collect();
            for k in &removed {
                store.remove(k);
            }
            store.extend(fresh.clone());
            let replaced: Vec<&str> = removed.iter().map(String::as_str).collect();
            merge_rows(&mut rows, fresh.into_values().collect(), &replaced);
            let mut rebuilt: Vec<RecordRow> = store.into_values().collect();
            sort_rows(&mut rebuilt);
            prop_assert_eq!(rows, rebuilt);
        }
    }
}
