//! The resident's side of the evaluation: three large answers, and the thank-you that sends
//! the phone back to the helper.

mod rating_buttons;
mod thank_you;

pub use rating_buttons::RatingButtons;
pub use thank_you::ThankYou;
