//! Place codes: administrative-division style for county, township and village, and a local
//! grid code below (`500231100001-G01`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::level::Level;
use super::place_code_error::PlaceCodeError;
use crate::identity::is_province_code;

/// The characters of each level's code: county 6, township 9, village 12 (a grid is longer).
const COUNTY_LEN: usize = 6;
const TOWNSHIP_LEN: usize = 9;
const VILLAGE_LEN: usize = 12;

/// The code of one node of the jurisdiction tree. Its text encodes its ancestors, so
/// [`PlaceCode::parent`] and [`PlaceCode::contains`] need no tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceCode(String);

impl PlaceCode {
    /// Parses a typed-in code (trimmed; a lowercase `-g` is accepted and normalised to `-G`).
    pub fn parse(s: &str) -> Result<PlaceCode, PlaceCodeError> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(PlaceCodeError::Empty);
        }
        let (digits, grid) = match trimmed.split_once('-') {
            Some((digits, suffix)) => (digits, Some(suffix)),
            None => (trimmed, None),
        };
        if let Some((i, c)) = digits
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(PlaceCodeError::BadCharacter {
                position: i as i64 + 1,
                found: c,
            });
        }
        let level = match (digits.len(), grid.is_some()) {
            (COUNTY_LEN, false) => Level::County,
            (TOWNSHIP_LEN, false) => Level::Township,
            (VILLAGE_LEN, false) => Level::Village,
            (VILLAGE_LEN, true) => Level::Grid,
            (_, true) if digits.len() < VILLAGE_LEN => return Err(PlaceCodeError::BadGridSuffix),
            (n, _) => return Err(PlaceCodeError::Length { found: n as i64 }),
        };
        check_segments(digits)?;
        let mut code = digits.to_owned();
        if let Some(suffix) = grid {
            let number = suffix
                .strip_prefix(['G', 'g'])
                .filter(|n| (2..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(PlaceCodeError::BadGridSuffix)?;
            if number.bytes().all(|b| b == b'0') {
                return Err(PlaceCodeError::ZeroSegment { level: Level::Grid });
            }
            code.push_str("-G");
            code.push_str(number);
        }
        debug_assert_eq!(PlaceCode(code.clone()).level(), level);
        Ok(PlaceCode(code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level the code names, read from its shape.
    pub fn level(&self) -> Level {
        match self.0.len() {
            COUNTY_LEN => Level::County,
            TOWNSHIP_LEN => Level::Township,
            VILLAGE_LEN => Level::Village,
            _ => Level::Grid,
        }
    }

    /// The code of the place one level up; `None` for a county.
    pub fn parent(&self) -> Option<PlaceCode> {
        self.level().parent().map(|level| self.truncate(level))
    }

    /// Whether `other` is this place or lies inside it.
    pub fn contains(&self, other: &PlaceCode) -> bool {
        other.level() >= self.level() && other.truncate(self.level()) == *self
    }

    /// The county this place lies in (itself for a county).
    pub fn county(&self) -> PlaceCode {
        self.truncate(Level::County)
    }

    /// The township or street this place lies in; `None` for a county.
    pub fn township(&self) -> Option<PlaceCode> {
        self.ancestor_at(Level::Township)
    }

    /// The village or community this place lies in; `None` above village level.
    pub fn village(&self) -> Option<PlaceCode> {
        self.ancestor_at(Level::Village)
    }

    /// The place at `level` that contains this one (itself at its own level); `None` when
    /// `level` is below this place.
    pub fn ancestor_at(&self, level: Level) -> Option<PlaceCode> {
        (level <= self.level()).then(|| self.truncate(level))
    }

    /// The grid's number (`7` for `…-G07`); `None` above grid level. `-G07` and `-G007` are
    /// the same number, which the tree refuses to hold twice in one village.
    pub fn grid_number(&self) -> Option<i64> {
        self.0.split_once("-G").and_then(|(_, n)| n.parse().ok())
    }

    /// The prefix of this code at `level`, which must not be below this code's level.
    fn truncate(&self, level: Level) -> PlaceCode {
        let len = match level {
            Level::County => COUNTY_LEN,
            Level::Township => TOWNSHIP_LEN,
            Level::Village => VILLAGE_LEN,
            Level::Grid => self.0.len(),
        };
        PlaceCode(self.0[..len.min(self.0.len())].to_owned())
    }
}

/// Checks the province, county and the non-zero parts of an all-digit code of 6, 9 or 12.
fn check_segments(digits: &str) -> Result<(), PlaceCodeError> {
    if !is_province_code(&digits[0..2]) {
        return Err(PlaceCodeError::UnknownProvince {
            code: digits[0..2].to_owned(),
        });
    }
    if &digits[4..6] == "00" {
        return Err(PlaceCodeError::NotACounty {
            code: digits[0..6].to_owned(),
        });
    }
    for (range, level) in [(6..9, Level::Township), (9..12, Level::Village)] {
        if digits.get(range).is_some_and(|part| part == "000") {
            return Err(PlaceCodeError::ZeroSegment { level });
        }
    }
    Ok(())
}

impl fmt::Display for PlaceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PlaceCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PlaceCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        PlaceCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&str> for PlaceCode {
    type Error = PlaceCodeError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        PlaceCode::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> PlaceCode {
        PlaceCode::parse(s).unwrap()
    }

    #[test]
    fn each_level_parses() {
        assert_eq!(code("500231").level(), Level::County);
        assert_eq!(code("500231100").level(), Level::Township);
        assert_eq!(code("500231100001").level(), Level::Village);
        assert_eq!(code("500231100001-G01").level(), Level::Grid);
        assert_eq!(code(" 500231100001-g123 ").as_str(), "500231100001-G123");
    }

    #[test]
    fn bad_codes_say_why() {
        use PlaceCodeError::*;
        let err = |s: &str| PlaceCode::parse(s).unwrap_err();
        assert_eq!(err(" "), Empty);
        assert_eq!(err("50023"), Length { found: 5 });
        assert_eq!(err("5002311000"), Length { found: 10 });
        assert_eq!(err("5002311000011"), Length { found: 13 });
        assert_eq!(
            err("50023a"),
            BadCharacter {
                position: 6,
                found: 'a'
            }
        );
        assert_eq!(err("990231"), UnknownProvince { code: "99".into() });
        assert_eq!(
            err("500200"),
            NotACounty {
                code: "500200".into()
            }
        );
        assert_eq!(
            err("500231000"),
            ZeroSegment {
                level: Level::Township
            }
        );
        assert_eq!(
            err("500231100000"),
            ZeroSegment {
                level: Level::Village
            }
        );
        assert_eq!(err("500231100001-G00"), ZeroSegment { level: Level::Grid });
        assert_eq!(err("500231100001-G1"), BadGridSuffix);
        assert_eq!(err("500231100001-G1234"), BadGridSuffix);
        assert_eq!(err("500231100001-X01"), BadGridSuffix);
        assert_eq!(err("500231100001-G0a"), BadGridSuffix);
        assert_eq!(err("500231100-G01"), BadGridSuffix);
    }

    #[test]
    fn parents_and_ancestors() {
        let grid = code("500231100001-G01");
        assert_eq!(grid.parent(), Some(code("500231100001")));
        assert_eq!(code("500231100001").parent(), Some(code("500231100")));
        assert_eq!(code("500231100").parent(), Some(code("500231")));
        assert_eq!(code("500231").parent(), None);
        assert_eq!(grid.county(), code("500231"));
        assert_eq!(grid.township(), Some(code("500231100")));
        assert_eq!(grid.village(), Some(code("500231100001")));
        assert_eq!(code("500231").township(), None);
        assert_eq!(code("500231100").village(), None);
        assert_eq!(grid.grid_number(), Some(1));
        assert_eq!(code("500231100001").grid_number(), None);
    }

    #[test]
    fn containment() {
        let county = code("500231");
        let township = code("500231100");
        let grid = code("500231100001-G01");
        assert!(county.contains(&county));
        assert!(county.contains(&grid));
        assert!(township.contains(&grid));
        assert!(!grid.contains(&township));
        assert!(!code("500231101").contains(&grid));
        assert!(!code("500232").contains(&township));
        // A grid's text may be a prefix of another grid's text; it still does not contain it.
        assert!(!grid.contains(&code("500231100001-G012")));
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let grid = code("500231100001-G01");
        let json = serde_json::to_string(&grid).unwrap();
        assert_eq!(json, "\"500231100001-G01\"");
        assert_eq!(serde_json::from_str::<PlaceCode>(&json).unwrap(), grid);
        assert!(serde_json::from_str::<PlaceCode>("\"500200\"").is_err());
    }

    #[test]
    fn chinese_messages() {
        assert!(
            PlaceCodeError::NotACounty {
                code: "500200".into()
            }
            .message_zh()
            .contains("不是区县")
        );
        assert!(
            PlaceCodeError::ZeroSegment {
                level: Level::Village
            }
            .message_zh()
            .contains("村")
        );
    }
}
