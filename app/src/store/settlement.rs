//! What storing a push's answers does to the outbox (the decisions of
//! [`super::outbox::settle`], apart from IndexedDB). A change leaves the outbox only here,
//! once answered; a whole-record save replaced by a newer one while it travelled stays
//! replaced, the newer save rebased on the version the server just made, and its record keeps
//! the phone's body.

use std::collections::{HashMap, HashSet};

/// One answered change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered<'a> {
    /// Its outbox key.
    pub key: &'a str,
    /// Its operation id.
    pub op: &'a str,
    /// The store key of its record.
    pub record: &'a str,
}

/// What to write.
#[derive(Debug, Default, PartialEq)]
pub struct Settlement<'a> {
    /// Outbox keys whose answered change leaves the outbox.
    pub delete: Vec<&'a str>,
    /// Outbox keys holding a newer save, each with the version to rebase it on.
    pub rebase: Vec<(&'a str, i64)>,
    /// Records with a change still waiting: they keep the phone's body.
    pub keep: HashSet<&'a str>,
    /// The versions those kept records take (their newer save's base).
    pub versions: HashMap<&'a str, i64>,
}

/// Settles `answered` given what `waiting` in the outbox now (outbox key to operation id,
/// under the answered keys and the records' keys), the `version` each answered record now has,
/// and the keys of the `records` the answers were stored into.
pub fn settle<'a>(
    answered: &[Answered<'a>],
    mut waiting: HashMap<&'a str, &'a str>,
    version: impl Fn(&str) -> Option<i64>,
    records: &[&'a str],
) -> Settlement<'a> {
    let mut out = Settlement::default();
    for q in answered {
        match waiting.get(q.key) {
            Some(newer) if *newer != q.op => {
                if let Some(v) = version(q.record) {
                    out.rebase.push((q.key, v));
                    out.versions.insert(q.record, v);
                }
            }
            _ => {
                waiting.remove(q.key);
            }
        }
    }
    out.delete = answered
        .iter()
        .map(|q| q.key)
        .filter(|k| !waiting.contains_key(k))
        .collect();
    out.keep = records
        .iter()
        .copied()
        .filter(|r| waiting.contains_key(r))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered<'a>(key: &'a str, op: &'a str, record: &'a str) -> Answered<'a> {
        Answered { key, op, record }
    }

    #[test]
    fn answered_changes_leave_the_outbox_and_their_records_take_the_answer() {
        let sent = [
            answered("visit:a", "op1", "visit:a"),
            answered("op:op2", "op2", "case:c"),
            answered("op:op3", "op3", "case:c"),
        ];
        let waiting = HashMap::from([("visit:a", "op1"), ("op:op2", "op2"), ("op:op3", "op3")]);
        let plan = settle(&sent, waiting, |_| Some(1), &["visit:a", "case:c"]);
        assert_eq!(plan.delete, ["visit:a", "op:op2", "op:op3"]);
        assert!(plan.rebase.is_empty() && plan.keep.is_empty() && plan.versions.is_empty());
    }

    #[test]
    fn a_save_made_while_the_previous_one_travelled_stays_rebased_on_the_new_version() {
        // The helper saved the visit again (op9) while op1 was on its way; the server took
        // op1 as version 4: op9 must now be made against 4, and the phone's body stays.
        let sent = [answered("visit:a", "op1", "visit:a")];
        let waiting = HashMap::from([("visit:a", "op9")]);
        let plan = settle(&sent, waiting, |_| Some(4), &["visit:a"]);
        assert!(plan.delete.is_empty(), "the newer save is not deleted");
        assert_eq!(plan.rebase, [("visit:a", 4)]);
        assert_eq!(plan.keep, HashSet::from(["visit:a"]));
        assert_eq!(plan.versions, HashMap::from([("visit:a", 4)]));
    }

    #[test]
    fn a_newer_save_of_a_refused_new_record_waits_as_it_was_made() {
        // The first save was refused (no version): the newer one goes as a creation again.
        let sent = [answered("visit:a", "op1", "visit:a")];
        let waiting = HashMap::from([("visit:a", "op9")]);
        let plan = settle(&sent, waiting, |_| None, &["visit:a"]);
        assert!(plan.delete.is_empty() && plan.rebase.is_empty());
        assert_eq!(plan.keep, HashSet::from(["visit:a"]));
    }

    #[test]
    fn a_change_already_gone_is_deleted_again_harmlessly_and_others_waiting_keep_the_body() {
        // op1 left the outbox in a transaction whose answer was stored before a reload; a
        // whole save of another record answered in the push waits under its key.
        let sent = [
            answered("op:op1", "op1", "case:c"),
            answered("visit:b", "op2", "visit:b"),
        ];
        let waiting = HashMap::from([("visit:b", "op2"), ("hardship:h", "op7")]);
        let plan = settle(
            &sent,
            waiting,
            |_| Some(2),
            &["case:c", "visit:b", "hardship:h"],
        );
        assert_eq!(plan.delete, ["op:op1", "visit:b"]);
        assert_eq!(plan.keep, HashSet::from(["hardship:h"]));
    }
}
