//! Personal identifiers and how they are shown: the resident ID number (公民身份号码), the mobile
//! number and the person's name.
//!
//! Each is a validated newtype whose `Display` and `Debug` print a masked form, so a stray
//! `tracing` line or a panic message never leaks personal data; `expose()` returns the full
//! value where it is really needed. Serde carries the full value and re-validates it. The
//! [`mask`] functions mask raw, unvalidated strings the same way.

mod check;
mod id_number;
mod id_number_error;
pub mod mask;
mod person_name;
mod phone;
mod sex;

#[cfg(test)]
mod id_number_tests;
#[cfg(test)]
mod proptests;

pub use check::{check_char, is_province_code};
pub use id_number::IdNumber;
pub use id_number_error::IdNumberError;
pub use mask::{mask_id_number, mask_name, mask_phone};
pub use person_name::{MAX_NAME_CHARS, NAME_SEPARATOR, PersonName, PersonNameError};
pub use phone::{MobilePhone, MobilePhoneError};
pub use sex::Sex;
