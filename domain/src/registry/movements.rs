//! Dynamic management (动态管理; seed 001 二(一): 新增、退出以及救助资金增发、减发、补发、停发):
//! each month's movements, computed from the registry as it stood in the month before and in
//! the month, and the month's statistics per category and township.
//!
//! For every month the figures add up: listed this month = listed last month + new − exited,
//! and paid this month = paid last month + new (paid) − exited (paid last month) + increased −
//! decreased − stopped (a stop lasts until the entry exits).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Category, Entry, Month};

/// The six movements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// 新增: listed this month, not last month.
    New,
    /// 退出: listed last month, not this month.
    Exited,
    /// 增发: paid both months, more this month.
    Increased,
    /// 减发: paid both months, less this month.
    Decreased,
    /// 补发: decided (or imported) this month for months before it.
    BackPaid,
    /// 停发: paid last month, listed but not paid this month.
    Stopped,
}

impl MovementKind {
    /// Every movement, in the page's order.
    pub const ALL: [MovementKind; 6] = [
        MovementKind::New,
        MovementKind::Exited,
        MovementKind::Increased,
        MovementKind::Decreased,
        MovementKind::BackPaid,
        MovementKind::Stopped,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            MovementKind::New => "new",
            MovementKind::Exited => "exited",
            MovementKind::Increased => "increased",
            MovementKind::Decreased => "decreased",
            MovementKind::BackPaid => "back_paid",
            MovementKind::Stopped => "stopped",
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            MovementKind::New => "新增",
            MovementKind::Exited => "退出",
            MovementKind::Increased => "增发",
            MovementKind::Decreased => "减发",
            MovementKind::BackPaid => "补发",
            MovementKind::Stopped => "停发",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            MovementKind::New => "new",
            MovementKind::Exited => "exited",
            MovementKind::Increased => "increased",
            MovementKind::Decreased => "decreased",
            MovementKind::BackPaid => "back-paid",
            MovementKind::Stopped => "stopped",
        }
    }
}

/// One entry's movement in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    /// Which.
    pub kind: MovementKind,
    /// The entry's key.
    pub key: String,
    /// The money it moves (fen, never negative): a new entry's amount paid this month, an
    /// exited one's paid last month, the change of an increase or decrease, the back-pay, the
    /// amount a stop withholds.
    pub fen: i64,
}

/// The movements of `month`.
pub fn movements(entries: &[Entry], month: Month) -> Vec<Movement> {
    let prev = month.prev();
    let mut out = Vec::new();
    for e in entries {
        let mut push = |kind, fen| {
            out.push(Movement {
                kind,
                key: e.key.clone(),
                fen,
            })
        };
        let (was, is) = (e.listed_in(prev), e.listed_in(month));
        if is && !was {
            push(MovementKind::New, e.paid_amount(month));
        }
        if was && !is {
            push(MovementKind::Exited, e.paid_amount(prev));
        }
        if was && is {
            if e.paid_in(prev) && !e.paid_in(month) {
                push(MovementKind::Stopped, e.paid_amount(prev));
            }
            if e.paid_in(prev) && e.paid_in(month) {
                let delta = e.amount_in(month) - e.amount_in(prev);
                if delta > 0 {
                    push(MovementKind::Increased, delta);
                } else if delta < 0 {
                    push(MovementKind::Decreased, -delta);
                }
            }
        }
        if e.recorded == month && e.start < month && e.listed_in(month) {
            let mut m = e.start;
            let mut fen = 0;
            while m < month {
                fen += e.paid_amount(m);
                m = m.next();
            }
            push(MovementKind::BackPaid, fen);
        }
    }
    out
}

/// One line of the month's statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Entries listed last month.
    pub listed_before: u32,
    /// Entries listed this month.
    pub listed: u32,
    /// Entries paid this month.
    pub paid: u32,
    /// People covered by the entries listed this month.
    pub members: u32,
    /// Paid last month (fen).
    pub paid_fen_before: i64,
    /// Paid this month (fen), not counting back-pay.
    pub paid_fen: i64,
    /// Per movement: (how many, fen).
    pub moved: BTreeMap<MovementKind, (u32, i64)>,
}

impl Stats {
    /// How many entries made `kind`.
    pub fn count(&self, kind: MovementKind) -> u32 {
        self.moved.get(&kind).map_or(0, |(n, _)| *n)
    }

    /// The money `kind` moved.
    pub fn fen(&self, kind: MovementKind) -> i64 {
        self.moved.get(&kind).map_or(0, |(_, f)| *f)
    }

    fn add(&mut self, e: &Entry, month: Month) {
        let prev = month.prev();
        self.listed_before += u32::from(e.listed_in(prev));
        self.listed += u32::from(e.listed_in(month));
        self.paid += u32::from(e.paid_in(month));
        if e.listed_in(month) {
            self.members += e.members;
        }
        self.paid_fen_before += e.paid_amount(prev);
        self.paid_fen += e.paid_amount(month);
    }
}

/// The month's statistics per (category, township); the whole lies under `None` township
/// of each category and under `(None, None)` for everything. Categories and townships with
/// nothing listed in either month and no movement are left out.
pub fn stats(
    entries: &[Entry],
    month: Month,
) -> BTreeMap<(Option<Category>, Option<String>), Stats> {
    let prev = month.prev();
    let moved = movements(entries, month);
    let mut out: BTreeMap<(Option<Category>, Option<String>), Stats> = BTreeMap::new();
    for e in entries {
        let touched = e.listed_in(prev) || e.listed_in(month);
        let movements: Vec<&Movement> = moved.iter().filter(|m| m.key == e.key).collect();
        if !touched && movements.is_empty() {
            continue;
        }
        let keys = [
            (Some(e.category), Some(e.township.clone())),
            (Some(e.category), None),
            (None, None),
        ];
        for k in keys {
            let s = out.entry(k).or_default();
            s.add(e, month);
            for m in &movements {
                let slot = s.moved.entry(m.kind).or_default();
                slot.0 += 1;
                slot.1 += m.fen;
            }
        }
    }
    out
}
