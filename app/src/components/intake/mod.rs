//! The steps of the guided intake (`/intake`), each a component over the one draft signal.

mod authorization_step;
mod entrustment_step;
mod household_step;
mod identity_check;
mod items_step;
mod materials_step;
mod member_card;
mod money_step;
mod review_step;
mod signer_card;
mod step_bar;

pub use authorization_step::AuthorizationStep;
pub use entrustment_step::EntrustmentStep;
pub use household_step::HouseholdStep;
pub use items_step::ItemsStep;
pub use materials_step::MaterialsStep;
pub use money_step::MoneyStep;
pub use review_step::ReviewStep;
pub use step_bar::StepBar;

use crate::i18n::Locale;

/// The label in the page's language.
pub(crate) fn pick(locale: Locale, zh: &str, en: &str) -> String {
    if locale == Locale::en { en } else { zh }.to_owned()
}
