//! A record's sync state in words.

use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t_string};
use crate::records::RecordState;

/// "Saved on the phone", "Sending", "Received by the township", "Needs attention".
pub fn state_label(i18n: I18nContext<Locale>, state: RecordState) -> &'static str {
    match state {
        RecordState::Saved => t_string!(i18n, sync.state_saved),
        RecordState::Sending => t_string!(i18n, sync.state_sending),
        RecordState::Received => t_string!(i18n, sync.state_received),
        RecordState::Attention => t_string!(i18n, sync.state_attention),
    }
}
