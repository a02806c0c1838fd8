//! The four levels of the jurisdiction tree and the kinds of place at each.

use serde::{Deserialize, Serialize};

/// A level of the tree, ordered from the top: a county is "higher" (smaller) than a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 区县: 6-digit code such as `500231`.
    County,
    /// 乡镇/街道: 9-digit code such as `500231100`.
    Township,
    /// 村/社区: 12-digit code such as `500231100001`.
    Village,
    /// 网格: village code, `-G` and 2–3 digits, such as `500231100001-G01`.
    Grid,
}

impl Level {
    /// Every level, from the top.
    pub const ALL: [Level; 4] = [Level::County, Level::Township, Level::Village, Level::Grid];

    /// Steps below the county: 0 for a county, 3 for a grid.
    pub fn depth(self) -> i64 {
        match self {
            Level::County => 0,
            Level::Township => 1,
            Level::Village => 2,
            Level::Grid => 3,
        }
    }

    /// The level above, if any.
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::County => None,
            Level::Township => Some(Level::County),
            Level::Village => Some(Level::Township),
            Level::Grid => Some(Level::Village),
        }
    }

    /// The Chinese name shown on screens.
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::County => "区县",
            Level::Township => "乡镇（街道）",
            Level::Village => "村（社区）",
            Level::Grid => "网格",
        }
    }
}

/// What kind of place a node is; each kind belongs to exactly one [`Level`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// 县 (also 自治县, 旗).
    County,
    /// 市辖区 (urban district).
    District,
    /// 县级市 (county-level city).
    CountyCity,
    /// 镇 (town).
    Town,
    /// 乡 (rural township, also 民族乡, 苏木).
    Township,
    /// 街道 (urban sub-district).
    Street,
    /// 村 (village, 村民委员会).
    Village,
    /// 社区 (urban community, 居民委员会).
    Community,
    /// 网格 (grid: the patch one grid worker walks).
    Grid,
}

impl PlaceKind {
    /// The level this kind of place sits at.
    pub fn level(self) -> Level {
        match self {
            PlaceKind::County | PlaceKind::District | PlaceKind::CountyCity => Level::County,
            PlaceKind::Town | PlaceKind::Township | PlaceKind::Street => Level::Township,
            PlaceKind::Village | PlaceKind::Community => Level::Village,
            PlaceKind::Grid => Level::Grid,
        }
    }

    /// The Chinese name shown on screens and forms.
    pub fn name_zh(self) -> &'static str {
        match self {
            PlaceKind::County => "县",
            PlaceKind::District => "区",
            PlaceKind::CountyCity => "县级市",
            PlaceKind::Town => "镇",
            PlaceKind::Township => "乡",
            PlaceKind::Street => "街道",
            PlaceKind::Village => "村",
            PlaceKind::Community => "社区",
            PlaceKind::Grid => "网格",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_from_the_top() {
        assert!(Level::County < Level::Township && Level::Village < Level::Grid);
        for (i, level) in Level::ALL.into_iter().enumerate() {
            assert_eq!(level.depth(), i as i64);
            assert_eq!(
                level.parent().map(Level::depth),
                level.depth().checked_sub(1).filter(|d| *d >= 0)
            );
        }
    }

    #[test]
    fn kinds_sit_at_their_level() {
        assert_eq!(PlaceKind::Street.level(), Level::Township);
        assert_eq!(PlaceKind::Community.level(), Level::Village);
        assert_eq!(PlaceKind::CountyCity.level(), Level::County);
        assert_eq!(PlaceKind::Grid.level(), Level::Grid);
        assert_eq!(
            serde_json::to_string(&PlaceKind::CountyCity).unwrap(),
            "\"county_city\""
        );
        assert_eq!(PlaceKind::Town.name_zh(), "镇");
    }
}
