//! Sex as recorded by the ID number (the parity of its 17th digit).

use serde::{Deserialize, Serialize};

/// Sex as the ID number records it: an odd 17th digit is male, an even one female.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

impl Sex {
    /// The Chinese name printed on forms: 男 or 女.
    pub fn name_zh(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }

    /// The English name: male or female.
    pub fn name_en(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// The sex a sequence digit stands for (odd: male, even: female).
    pub(crate) fn from_sequence_digit(digit: u8) -> Sex {
        if digit % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parity_decides() {
        assert_eq!(Sex::from_sequence_digit(1), Sex::Male);
        assert_eq!(Sex::from_sequence_digit(9), Sex::Male);
        assert_eq!(Sex::from_sequence_digit(0), Sex::Female);
        assert_eq!(Sex::from_sequence_digit(8), Sex::Female);
    }

    #[test]
    fn names_and_wire_form() {
        assert_eq!(Sex::Male.name_zh(), "男");
        assert_eq!(Sex::Female.name_en(), "female");
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), "\"female\"");
    }
}
