//! The rules the data checks hold grants against: which items exclude each other, and which
//! ages and statuses an item allows. Each says where it comes from; those the seeds do not
//! settle are marked "local default, to be confirmed" (the county's administrator will edit
//! them with the catalogue, issue 21 point 5).

/// Pairs of items one person may not hold at once, each with its source.
pub const EXCLUSIVE: &[(&str, &str, &str)] = &[
    (
        "dibao",
        "dibao_edge",
        "低保边缘家庭认定以“不符合最低生活保障条件”为前提（事项目录 dibao_edge 条件一；\
         《最低生活保障边缘家庭和刚性支出困难家庭认定办法》）",
    ),
    (
        "dibao",
        "tekun",
        "特困人员供养已保障基本生活，不再同时享受低保（本地默认，待确认；\
         《特困人员认定办法》民发〔2021〕43号）",
    ),
    (
        "tekun",
        "dibao_edge",
        "特困人员不属于低保边缘家庭认定范围（本地默认，待确认）",
    ),
];

/// Who an item may be granted to, by age and disability.
#[derive(Debug, PartialEq, Eq)]
pub struct ItemRule {
    /// The item's code.
    pub item: &'static str,
    /// Allowed from this age (inclusive) regardless of disability, if any.
    pub elderly_from: Option<i64>,
    /// Allowed below this age regardless of disability, if any.
    pub minor_below: Option<i64>,
    /// Whether a disability grade alone makes a person eligible.
    pub disabled_allowed: bool,
    /// Allowed within this working-age span `[from, below)`, if any.
    pub working_age: Option<(i64, i64)>,
    /// What the rule says, in Chinese, for the page.
    pub says_zh: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

impl ItemRule {
    /// Whether a person of `age`, disabled or not, may hold the item.
    pub fn allows(&self, age: i64, disabled: bool) -> bool {
        self.elderly_from.is_some_and(|from| age >= from)
            || self.minor_below.is_some_and(|below| age < below)
            || (self.disabled_allowed && disabled)
            || self
                .working_age
                .is_some_and(|(from, below)| age >= from && age < below)
    }
}

/// The items with an age or status rule.
pub const ITEM_RULES: &[ItemRule] = &[
    ItemRule {
        item: "tekun",
        elderly_from: Some(60),
        minor_below: Some(16),
        disabled_allowed: true,
        working_age: None,
        says_zh: "特困人员供养限老年人（60 周岁以上）、残疾人或未满 16 周岁的未成年人",
        source: "潼南府办发〔2019〕94号 五(二)2(2)：“……的老年人、残疾人以及未满16周岁的\
                 未成年人”；老年人按 60 周岁计（《老年人权益保障法》第二条；本地默认，待确认）",
    },
    ItemRule {
        item: "employment",
        elderly_from: None,
        minor_below: None,
        disabled_allowed: false,
        working_age: Some((16, 60)),
        says_zh: "就业救助限有劳动能力的劳动年龄人员（16 至 59 周岁）",
        source: "潼南府办发〔2019〕94号 五(二)2(7)：“有劳动能力并处于失业状态的成员”；\
                 劳动年龄 16 至 59 周岁为本地默认，待确认",
    },
];

/// The rule of `item`, if it has one.
pub fn rule_for(item: &str) -> Option<&'static ItemRule> {
    ITEM_RULES.iter().find(|r| r.item == item)
}
