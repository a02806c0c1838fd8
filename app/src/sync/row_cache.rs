//! The decisions of the row cache ([`super::rows`]), apart from the reactive signal and the
//! JS objects: which records are listed, and which rows change in place when only a record's
//! standing changed.

use std::collections::HashMap;

use crate::records::{RecordRow, RecordState};

/// Whether records of this kind code are a helper's field records.
pub fn is_field_record(kind: &str) -> bool {
    domain::sync::RecordKind::from_code(kind).is_some_and(|k| k.is_field_record())
}

/// Whether a record has a row on the sync page: made or changed on this phone, or a field
/// record (the households and cases of others that the server sent down have none).
pub fn listed(local: bool, kind: &str) -> bool {
    local || is_field_record(kind)
}

/// A stored record's standing, as its row shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Restate<'a> {
    /// Its store key.
    pub key: &'a str,
    /// When it was saved or received; a row of another time is of an older save.
    pub saved_at: f64,
    /// Where it stands.
    pub state: RecordState,
    /// Why the server refused it.
    pub message: Option<&'a str>,
}

/// Changes in place the rows of `stored` records saved at the same time as their rows were
/// made (marked as sending, answered: the title and the order stay). Returns the indexes in
/// `stored` of the records whose rows must be made anew: missing, or saved again meanwhile.
pub fn restate_rows(rows: &mut [RecordRow], stored: &[Restate<'_>]) -> Vec<usize> {
    let mut pending: HashMap<&str, usize> =
        stored.iter().enumerate().map(|(i, r)| (r.key, i)).collect();
    for row in rows.iter_mut() {
        if let Some(&i) = pending.get(row.key.as_str())
            && stored[i].saved_at == row.saved_at
        {
            row.state = stored[i].state;
            row.message = stored[i].message.map(str::to_owned);
            pending.remove(row.key.as_str());
        }
    }
    let mut rest: Vec<usize> = pending.into_values().collect();
    rest.sort_unstable();
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::merge_rows;

    fn row(key: &str, saved_at: f64, state: RecordState) -> RecordRow {
        RecordRow {
            key: key.to_owned(),
            kind: key.split(':').next().unwrap_or_default().to_owned(),
            title: format!("标题 {key}"),
            state,
            message: None,
            saved_at,
        }
    }

    fn restate(key: &str, saved_at: f64, state: RecordState) -> Restate<'_> {
        Restate {
            key,
            saved_at,
            state,
            message: None,
        }
    }

    #[test]
    fn field_records_and_the_helpers_own_records_are_listed_others_not() {
        assert!(listed(false, "visit"));
        assert!(listed(false, "hardship"));
        assert!(listed(true, "household"));
        assert!(!listed(false, "household"));
        assert!(!listed(false, "case"));
        assert!(!listed(false, "no_such_kind"));
    }

    #[test]
    fn answered_records_change_their_rows_in_place_keeping_titles_and_order() {
        let mut rows = vec![
            row("visit:b", 20.0, RecordState::Sending),
            row("visit:a", 10.0, RecordState::Sending),
        ];
        let mut refused = restate("visit:a", 10.0, RecordState::Attention);
        refused.message = Some("乡镇未接收");
        let stored = [restate("visit:b", 20.0, RecordState::Received), refused];
        assert!(restate_rows(&mut rows, &stored).is_empty());
        assert_eq!(rows[0].key, "visit:b");
        assert_eq!(rows[0].state, RecordState::Received);
        assert_eq!(rows[1].state, RecordState::Attention);
        assert_eq!(rows[1].message.as_deref(), Some("乡镇未接收"));
        assert_eq!(rows[1].title, "标题 visit:a");
    }

    #[test]
    fn a_record_saved_again_meanwhile_or_without_a_row_gets_its_row_made_anew() {
        let mut rows = vec![row("visit:a", 30.0, RecordState::Saved)];
        // The answer is of the save at 10; the helper saved again at 30: that row stays.
        let stored = [
            restate("visit:a", 10.0, RecordState::Received),
            restate("hardship:h", 5.0, RecordState::Received),
        ];
        assert_eq!(restate_rows(&mut rows, &stored), [0, 1]);
        assert_eq!(rows[0].state, RecordState::Saved);
    }

    #[test]
    fn stored_and_removed_records_replace_their_rows_newest_first() {
        let mut rows = vec![
            row("visit:a", 30.0, RecordState::Received),
            row("visit:b", 20.0, RecordState::Received),
            row("visit:c", 10.0, RecordState::Received),
        ];
        let fresh = vec![
            row("visit:c", 40.0, RecordState::Saved),
            row("visit:d", 30.0, RecordState::Saved),
        ];
        merge_rows(&mut rows, fresh, &["visit:b"]);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        // Same time: key order, so the list does not reorder itself between updates.
        assert_eq!(keys, ["visit:c", "visit:a", "visit:d"]);
    }
}
