//! The escalation's text messages (督办): which are due for a case's late clocks, once per
//! clock and level, and what they say. Pure; the server's housekeeping round queues them
//! (`server/src/escalate`) and records each so it is never sent twice.
//!
//! The chain (乌海 附件2 第四条, 附件4 第五条、第七条; `crate::escalation`): the first-asker
//! (首问负责人) or the department answers for a late clock and is named in the message; the
//! township's leader in charge (街道（镇）分管领导) is told as soon as a working day has passed
//! since the last day; the county's civil affairs bureau (县（区）民政局) once it is
//! [`crate::escalation::COUNTY_AFTER_WORKING_DAYS`] working days late. A clock late only by
//! rest days is not told (nobody could have acted).

use crate::escalation::{ClockKind, EscalationLevel, LateClock};

impl ClockKind {
    /// A stable code for the record of what was sent (`route`, `decision:dibao` …).
    pub fn code(&self) -> String {
        match self {
            ClockKind::Route => "route".to_owned(),
            ClockKind::Notify => "notify".to_owned(),
            ClockKind::Decision(i) => format!("decision:{}", i.as_str()),
            ClockKind::Reroute(i) => format!("reroute:{}", i.as_str()),
            ClockKind::Tell(i) => format!("tell:{}", i.as_str()),
        }
    }

    /// The step in Chinese, for the message; `item` is the item's Chinese name.
    pub fn name_zh(&self, item: impl Fn(&str) -> String) -> String {
        match self {
            ClockKind::Route => "分办（受理后1个工作日内）".to_owned(),
            ClockKind::Notify => "反馈办理结果（2个工作日内）".to_owned(),
            ClockKind::Decision(i) => format!("{}审批", item(i.as_str())),
            ClockKind::Reroute(i) => format!("{}重新分办（1个工作日内）", item(i.as_str())),
            ClockKind::Tell(i) => format!("告知{}结果（2个工作日内）", item(i.as_str())),
        }
    }
}

impl EscalationLevel {
    /// Every level, lowest first.
    pub const ALL: [EscalationLevel; 2] = [
        EscalationLevel::TownshipLeader,
        EscalationLevel::CountySupervisor,
    ];

    /// A stable code for the record of what was sent.
    pub fn code(self) -> &'static str {
        match self {
            EscalationLevel::TownshipLeader => "township_leader",
            EscalationLevel::CountySupervisor => "county_supervisor",
        }
    }

    /// The role told at this level.
    pub fn role(self) -> crate::role::Role {
        match self {
            EscalationLevel::TownshipLeader => crate::role::Role::TownshipLeader,
            EscalationLevel::CountySupervisor => crate::role::Role::Supervisor,
        }
    }
}

/// The levels a late clock has reached: none while it is late only by rest days; the
/// township's leader from the first working day; the county too once it escalates there.
pub fn levels_reached(late: &LateClock) -> Vec<EscalationLevel> {
    if late.working_days_late < 1 {
        return Vec::new();
    }
    EscalationLevel::ALL
        .into_iter()
        .filter(|l| *l <= late.escalate_to)
        .collect()
}

/// The (clock, level) pairs to tell now: every level each late clock has reached that is not
/// among `sent` (the clock codes and levels already told for this case).
pub fn due<'a>(
    late: &'a [LateClock],
    sent: &[(String, EscalationLevel)],
) -> Vec<(&'a LateClock, EscalationLevel)> {
    late.iter()
        .flat_map(|l| levels_reached(l).into_iter().map(move |level| (l, level)))
        .filter(|(l, level)| {
            !sent
                .iter()
                .any(|(code, done)| *code == l.clock.code() && done == level)
        })
        .collect()
}

/// The message: the case number, the late step, how late, and who answers for it. No
/// applicant's name, number or address (the reader opens the case to see more).
pub fn text(
    number: &str,
    late: &LateClock,
    step: &str,
    responsible: &str,
    level: EscalationLevel,
) -> String {
    let to = match level {
        EscalationLevel::TownshipLeader => "请分管领导督促办理",
        EscalationLevel::CountySupervisor => "已上报县民政局督办",
    };
    format!(
        "【一门受理·督办】案件{number}的{step}已逾期{}个工作日（期限{}），责任人：{responsible}。{to}。",
        late.working_days_late,
        crate::calendar::print::md_zh(&late.due_on),
    )
}

#[cfg(test)]
#[path = "escalation_notice_tests.rs"]
mod tests;
