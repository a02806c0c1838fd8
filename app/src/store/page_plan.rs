//! What a pulled change does to the phone's copy (the decisions of
//! [`super::records::apply_page`], apart from IndexedDB): the server's record replaces the
//! phone's, except where the phone's must stay until the server has answered it or the helper
//! has dealt with it.

use crate::records::RecordState;

/// What one pulled change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing: a change of the record waits in the outbox, and the phone's version stays
    /// until the server has answered it (the answer brings the version).
    Wait,
    /// The record leaves the phone (out of the helper's villages, or deleted).
    Remove,
    /// The server refused the helper's version: it stays as the helper made it, taking only
    /// the server's version number (a fix or a resend then replaces the newest version).
    KeepRefused,
    /// The server's record is stored, received; `local` keeps it listed on the sync page
    /// when it was made or changed on this phone.
    Take {
        /// Made or changed on this phone.
        local: bool,
    },
}

/// The step for a change (`upsert` or `remove`) of a record with a change `waiting` in the
/// outbox or not, and the phone's copy, if any, as (state, made or changed on this phone).
pub fn step(change: &str, waiting: bool, phone: Option<(RecordState, bool)>) -> Step {
    match (change, phone) {
        _ if waiting => Step::Wait,
        ("remove", _) => Step::Remove,
        (_, Some((RecordState::Attention, _))) => Step::KeepRefused,
        (_, phone) => Step::Take {
            local: phone.is_some_and(|(_, local)| local),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecordState::*;

    #[test]
    fn the_servers_record_replaces_the_phones_and_stays_listed_if_made_here() {
        assert_eq!(step("upsert", false, None), Step::Take { local: false });
        assert_eq!(
            step("upsert", false, Some((Received, true))),
            Step::Take { local: true }
        );
        assert_eq!(
            step("upsert", false, Some((Saved, false))),
            Step::Take { local: false }
        );
    }

    #[test]
    fn a_record_with_a_change_waiting_keeps_the_phones_version_even_when_removed() {
        assert_eq!(step("upsert", true, Some((Saved, true))), Step::Wait);
        assert_eq!(step("remove", true, Some((Sending, true))), Step::Wait);
    }

    #[test]
    fn a_refused_record_stays_as_the_helper_made_it_until_they_deal_with_it() {
        assert_eq!(
            step("upsert", false, Some((Attention, true))),
            Step::KeepRefused
        );
        assert_eq!(step("remove", false, Some((Attention, true))), Step::Remove);
    }
}
