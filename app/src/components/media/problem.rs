//! What went wrong with a picture, in words.

use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t_string};
use crate::media::MediaError;

/// A problem a photo or signature input shows under itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Taking or keeping the picture failed.
    Media(MediaError),
    /// The same picture is already there.
    Duplicate,
    /// No room for more.
    Full,
}

impl Problem {
    /// The problem in the user's language.
    pub fn text(self, i18n: I18nContext<Locale>) -> &'static str {
        match self {
            Problem::Media(MediaError::NotAnImage) => t_string!(i18n, media.not_an_image),
            Problem::Media(MediaError::Storage) => t_string!(i18n, media.storage_failed),
            Problem::Media(MediaError::Browser) => t_string!(i18n, media.browser_failed),
            Problem::Duplicate => t_string!(i18n, media.duplicate),
            Problem::Full => t_string!(i18n, media.full),
        }
    }
}
