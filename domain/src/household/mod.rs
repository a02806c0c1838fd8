//! Households (共同生活的家庭): members, income and property, and the monthly per-capita
//! income the assistance rules compare with local standards. Money is whole fen.

mod member;
mod money;
mod record;
mod validate;

pub use member::{DisabilityGrade, Employment, Health, Member, Relation};
pub use money::{Fen, yuan};
pub use record::{Household, IncomeItem, IncomeKind, PropertyItem, PropertyKind};
pub use validate::HouseholdError;

#[cfg(test)]
mod tests;
