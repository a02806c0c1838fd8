//! What the server's answer to a push does to a record on the phone: taken (the server's
//! version, received), or refused (kept as the helper made it, with the server's reason, for
//! the helper to look at; never sent again without the helper). An answer that does not come
//! leaves the record waiting, to go again under the same operation ids.

use crate::records::RecordState;

/// Shown when the server refuses without saying why.
const NOT_TAKEN: &str = "乡镇未接收";

/// What the server said of one operation (`domain::sync::Outcome`).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Taken; the record's version now.
    Applied {
        /// The version the server made.
        version: Option<i64>,
    },
    /// Made against an older version than the server's.
    Conflict {
        /// The server's version.
        current_version: Option<i64>,
        /// Why, for the helper.
        message: Option<String>,
    },
    /// Refused by the rules.
    Refused {
        /// Why, for the helper.
        message: Option<String>,
    },
}

impl Answer {
    /// The wire's flattened outcome: anything but `applied` and `conflict` is a refusal.
    pub fn read(
        outcome: &str,
        version: Option<i64>,
        current_version: Option<i64>,
        message: Option<String>,
    ) -> Self {
        match outcome {
            "applied" => Answer::Applied { version },
            "conflict" => Answer::Conflict {
                current_version,
                message,
            },
            _ => Answer::Refused { message },
        }
    }
}

/// What an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Took {
    /// Nothing: an earlier operation of the same push refused the record.
    Ignored,
    /// The record is the server's now.
    Applied,
    /// The record needs the helper.
    Refused,
}

/// Where a record stands in sync: the part of a stored record the engine changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Where it stands.
    pub state: RecordState,
    /// The server's version, once it has one.
    pub version: Option<i64>,
    /// Why the server refused it.
    pub message: Option<String>,
}

impl Standing {
    /// Takes the server's answer to one of the record's operations. A record refused by one
    /// of its operations stays refused for the rest of the push (they were made on top of it).
    pub fn answer(&mut self, answer: Answer) -> Took {
        if self.state == RecordState::Attention {
            return Took::Ignored;
        }
        match answer {
            Answer::Applied { version } => {
                self.state = RecordState::Received;
                self.version = version;
                self.message = None;
                Took::Applied
            }
            Answer::Conflict {
                current_version,
                message,
            } => {
                // Sending it again keeps the helper's record over the server's current one.
                self.version = current_version;
                self.refuse(message)
            }
            Answer::Refused { message } => self.refuse(message),
        }
    }

    fn refuse(&mut self, message: Option<String>) -> Took {
        self.state = RecordState::Attention;
        self.message = Some(message.unwrap_or_else(|| NOT_TAKEN.to_owned()));
        Took::Refused
    }

    /// Answered while a later push of the round carries more of its operations: it is still
    /// on its way.
    pub fn travelling_on(&mut self) {
        if self.state == RecordState::Received {
            self.state = RecordState::Sending;
        }
    }

    /// Queued again by the helper after a refusal, as it is or as they chose.
    pub fn queued_again(&mut self) {
        self.state = RecordState::Saved;
        self.message = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sending(version: Option<i64>) -> Standing {
        Standing {
            state: RecordState::Sending,
            version,
            message: None,
        }
    }

    #[test]
    fn an_applied_answer_gives_the_servers_version_and_clears_the_reason() {
        let mut r = sending(Some(2));
        r.message = Some("旧的原因".to_owned());
        let took = r.answer(Answer::read("applied", Some(3), None, None));
        assert_eq!(took, Took::Applied);
        assert_eq!(
            r,
            Standing {
                state: RecordState::Received,
                version: Some(3),
                message: None,
            }
        );
    }

    #[test]
    fn a_conflict_keeps_the_record_for_the_helper_against_the_servers_version() {
        let mut r = sending(Some(2));
        let took = r.answer(Answer::read(
            "conflict",
            None,
            Some(5),
            Some("乡镇已修改".to_owned()),
        ));
        assert_eq!(took, Took::Refused);
        assert_eq!(r.state, RecordState::Attention);
        assert_eq!(r.version, Some(5));
        assert_eq!(r.message.as_deref(), Some("乡镇已修改"));
    }

    #[test]
    fn a_refusal_is_shown_with_a_reason_even_when_the_server_gives_none() {
        for outcome in ["rejected", "something_newer"] {
            let mut r = sending(None);
            assert_eq!(
                r.answer(Answer::read(outcome, Some(9), Some(9), None)),
                Took::Refused
            );
            assert_eq!(r.state, RecordState::Attention);
            assert_eq!(r.version, None, "a refusal gives no version");
            assert_eq!(r.message.as_deref(), Some(NOT_TAKEN));
        }
    }

    #[test]
    fn a_record_refused_by_one_operation_stays_refused_for_the_rest_of_the_push() {
        // A case created and submitted in one push: the creation is refused, so the
        // command made on top of it cannot make it look received.
        let mut r = sending(None);
        r.answer(Answer::Refused {
            message: Some("户籍不在本乡镇".to_owned()),
        });
        let took = r.answer(Answer::Applied { version: Some(1) });
        assert_eq!(took, Took::Ignored);
        assert_eq!(r.state, RecordState::Attention);
        assert_eq!(r.version, None);
        assert_eq!(r.message.as_deref(), Some("户籍不在本乡镇"));
    }

    #[test]
    fn a_record_with_operations_in_later_pushes_is_still_on_its_way() {
        let mut r = sending(None);
        r.answer(Answer::Applied { version: Some(1) });
        r.travelling_on();
        assert_eq!(r.state, RecordState::Sending);
        let mut refused = sending(None);
        refused.answer(Answer::Refused { message: None });
        refused.travelling_on();
        assert_eq!(
            refused.state,
            RecordState::Attention,
            "a refusal is not hidden"
        );
    }

    #[test]
    fn queued_again_it_waits_without_the_old_reason_against_the_servers_version() {
        let mut r = sending(Some(2));
        r.answer(Answer::Conflict {
            current_version: Some(4),
            message: Some("乡镇已修改".to_owned()),
        });
        r.queued_again();
        assert_eq!(
            r,
            Standing {
                state: RecordState::Saved,
                version: Some(4),
                message: None,
            }
        );
    }
}
