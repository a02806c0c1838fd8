//! Categories and entries: one entry per household × category (one per grant for one-off
//! aid), with the members it covers, its monthly amount over time, its first and last month.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Month;

/// The registry's categories (seed 002 五(二)1: 特困人员、城乡低保对象、…、其他困难对象; issue 21
/// point 3: 特困, 低保, 低保边缘, 临时救助, others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 特困人员供养 (catalogue item `tekun`).
    Tekun,
    /// 最低生活保障 (`dibao`).
    Dibao,
    /// 低保边缘家庭 (`dibao_edge`).
    DibaoEdge,
    /// 临时救助 (`temporary`).
    Temporary,
    /// Any other aid item.
    Other,
}

impl Category {
    /// Every category, in the page's order.
    pub const ALL: [Category; 5] = [
        Category::Tekun,
        Category::Dibao,
        Category::DibaoEdge,
        Category::Temporary,
        Category::Other,
    ];

    /// Stable code (queries, exports).
    pub fn code(self) -> &'static str {
        match self {
            Category::Tekun => "tekun",
            Category::Dibao => "dibao",
            Category::DibaoEdge => "dibao_edge",
            Category::Temporary => "temporary",
            Category::Other => "other",
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Tekun => "特困人员",
            Category::Dibao => "低保",
            Category::DibaoEdge => "低保边缘",
            Category::Temporary => "临时救助",
            Category::Other => "其他救助",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Category::Tekun => "Extremely poor",
            Category::Dibao => "Minimum living allowance",
            Category::DibaoEdge => "Near-poverty",
            Category::Temporary => "Temporary aid",
            Category::Other => "Other aid",
        }
    }

    /// The category of a catalogue item.
    pub fn of_item(item: &str) -> Category {
        match item {
            "tekun" => Category::Tekun,
            "dibao" => Category::Dibao,
            "dibao_edge" => Category::DibaoEdge,
            "temporary" => Category::Temporary,
            _ => Category::Other,
        }
    }

    /// The category a roster names: its code, its Chinese name, or the usual long names.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL
            .into_iter()
            .find(|c| c.code() == s || c.name_zh() == s)
            .or(match s {
                "特困" | "特困供养" | "特困人员供养" => Some(Category::Tekun),
                "城乡低保" | "城市低保" | "农村低保" | "最低生活保障" | "低保对象" => {
                    Some(Category::Dibao)
                }
                "低保边缘家庭" => Some(Category::DibaoEdge),
                "其他" | "其他困难对象" => Some(Category::Other),
                _ => None,
            })
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// Decided cases (the latest named).
    Cases {
        /// The case ids, oldest decision first.
        cases: Vec<String>,
    },
    /// An imported roster row (its stored record).
    Imported {
        /// The record's id.
        record: String,
    },
}

/// One household (or person) in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable key: `household/category` (one-off aid: `household/category/case`; imported:
    /// `roster:record`). Never personal data: pages carry it in their markup.
    pub key: String,
    /// The household's id, or the entry's key for an imported row.
    pub household: String,
    /// The category.
    pub category: Category,
    /// Township code.
    pub township: String,
    /// Village code.
    pub village: String,
    /// The head of household (户主 / applicant), unmasked: the page masks it.
    pub head_name: String,
    /// Their ID number, unmasked: the page masks it.
    pub head_id: String,
    /// How many people the aid covers (保障人数).
    pub members: u32,
    /// The amount paid each month (fen) from each month on, oldest first; the first is `start`.
    pub amounts: Vec<(Month, i64)>,
    /// The first month in the registry.
    pub start: Month,
    /// The last month in the registry, if it ended (exited).
    pub end: Option<Month>,
    /// From this month on, payment is stopped (停发) though the entry is still listed.
    pub stopped_from: Option<Month>,
    /// The month the entry was decided or imported: months before it since `start` are
    /// back-paid (补发) in it.
    pub recorded: Month,
    /// Where it comes from.
    pub source: Source,
}

impl Entry {
    /// Whether the entry is in the registry in `m`.
    pub fn listed_in(&self, m: Month) -> bool {
        self.start <= m && self.end.is_none_or(|e| m <= e)
    }

    /// Whether it is paid in `m` (listed and not stopped).
    pub fn paid_in(&self, m: Month) -> bool {
        self.listed_in(m) && self.stopped_from.is_none_or(|s| m < s)
    }

    /// The monthly amount in force in `m` (fen), whether paid or not; 0 when not listed.
    pub fn amount_in(&self, m: Month) -> i64 {
        if !self.listed_in(m) {
            return 0;
        }
        self.amounts
            .iter()
            .rev()
            .find(|(from, _)| *from <= m)
            .map_or(0, |(_, fen)| *fen)
    }

    /// What is paid in `m` (fen): the amount when paid, else 0.
    pub fn paid_amount(&self, m: Month) -> i64 {
        if self.paid_in(m) {
            self.amount_in(m)
        } else {
            0
        }
    }
}

/// An approved item of a decided case, as the server reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// The case.
    pub case: String,
    /// Its household.
    pub household: String,
    /// The item's catalogue code.
    pub item: String,
    /// Township code.
    pub township: String,
    /// Village code.
    pub village: String,
    /// The household's applicant (or first member).
    pub head_name: String,
    /// Their ID number.
    pub head_id: String,
    /// The household's members.
    pub members: u32,
    /// The approved amount (fen).
    pub fen: i64,
    /// Paid every month (else once).
    pub monthly: bool,
    /// When the case was registered (its application).
    pub applied_on: NaiveDate,
    /// When the item was decided.
    pub decided_on: NaiveDate,
}

/// The entries decided cases give. A monthly grant is paid from the month the application
/// was registered (local default, to be confirmed: 低保金 from the month of application), so
/// a decision in a later month back-pays the months between; a household's later decisions
/// in the same category change its amount from their month on. A one-off grant is an entry
/// of its own for the month it was decided.
pub fn entries_from_grants(grants: &[Grant]) -> Vec<Entry> {
    let mut sorted: Vec<&Grant> = grants.iter().collect();
    sorted.sort_by(|a, b| (a.decided_on, &a.case).cmp(&(b.decided_on, &b.case)));
    let mut out: Vec<Entry> = Vec::new();
    for g in sorted {
        let category = Category::of_item(&g.item);
        let decided = Month::of(g.decided_on);
        if !g.monthly {
            out.push(Entry {
                key: format!("{}/{}/{}", g.household, category.code(), g.case),
                household: g.household.clone(),
                category,
                township: g.township.clone(),
                village: g.village.clone(),
                head_name: g.head_name.clone(),
                head_id: g.head_id.clone(),
                members: g.members,
                amounts: vec![(decided, g.fen)],
                start: decided,
                end: Some(decided),
                stopped_from: None,
                recorded: decided,
                source: Source::Cases {
                    cases: vec![g.case.clone()],
                },
            });
            continue;
        }
        let key = format!("{}/{}", g.household, category.code());
        if let Some(e) = out.iter_mut().find(|e| e.key == key) {
            let from = decided.max(e.start);
            e.amounts.retain(|(m, _)| *m < from);
            e.amounts.push((from, g.fen));
            e.members = g.members;
            if let Source::Cases { cases } = &mut e.source {
                cases.push(g.case.clone());
            }
            continue;
        }
        let start = Month::of(g.applied_on.min(g.decided_on));
        out.push(Entry {
            key,
            household: g.household.clone(),
            category,
            township: g.township.clone(),
            village: g.village.clone(),
            head_name: g.head_name.clone(),
            head_id: g.head_id.clone(),
            members: g.members,
            amounts: vec![(start, g.fen)],
            start,
            end: None,
            stopped_from: None,
            recorded: decided,
            source: Source::Cases {
                cases: vec![g.case.clone()],
            },
        });
    }
    out
}
