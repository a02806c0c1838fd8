//! Controls on the settings page.

mod language_switch;
mod large_text_toggle;

pub use language_switch::LanguageSwitch;
pub use large_text_toggle::LargeTextToggle;
