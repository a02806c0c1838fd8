//! Demo cases of the township window (`clerk`, 沙坪镇), the verification team (`verifier`) and
//! the departments (`officer`, civil affairs; `officer2`, medical security), all in 李家村,
//! so that the demo helper of 毛家村 sees none of them and their task list and ledger stay as
//! they were. Built like the helper's (`super::Story`): every command decided by the workflow
//! as the demo account of its role; the times are counted back from "now" in working days
//! (`domain::calendar`), so each clock reads the same way whatever day the demo loads.
//!
//! W(k) is the k-th working day before today.
//!
//! | household | items | channel | where it stands | who acts |
//! |---|---|---|---|---|
//! | 陈大勇 (fire, 3 people) | 临时救助 | 主动发现 (village report) | submitted W(1), urgent | window: material check |
//! | 谭丽华 (resident account) | 低保 | online | resubmitted W(1) after one notice | window: check again |
//! | 邓志强 (2 adults, a minor) | 低保 | hotline | accepted W(5), authorization signed; routing late, escalated | leader: agree to the routing; verifier: economic check; window: route |
//! | 彭桂芳 | 临时救助 | walk-in | accepted and verified W(1) | leader: agree to the routing; window: route (1 working day) |
//! | 吴国平 | 临时救助 + 医疗救助 | referred by 桂溪街道's window | routed W(8); 临时 approved W(1) | window: tell within 2 working days; officer2: medical |
//! | 余德福 | 低保 | walk-in | routed W(3), economic check done | verifier: home survey; officer: decide |
//! | 冉光明 | 临时救助 | hotline | routed, one working day left after today, chased W(1) | officer: decide now |
//! | 秦永福 | 低保 | walk-in | routed, verified, extended by 10 working days | officer: decide |
//!
//! There is no "referral from another township" channel: 吴国平's case is a window case whose
//! submission notes the township that referred it.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::authorization::AuthorizationText;
use domain::calendar::Calendar;
use domain::catalogue::{AidItemCode, Catalogue, MaterialCode};
use domain::clocks::china_date;
use domain::department::DepartmentCode;
use domain::household::Household;
use domain::ids::UserId;
use domain::jurisdiction::PlaceCode;
use domain::role::Role;
use domain::workflow::{Actor, AmountPeriod, Channel, Command};

use super::super::authorizations::{Photos, package};
use super::{DemoCases, Staff, Story, demo_image};

/// The village of the window's demo cases.
pub const LIJIA: &str = "500231101202";

/// The demo accounts the township's cases need besides [`Staff`].
#[derive(Debug, Clone, Copy)]
pub struct MoreStaff {
    /// The medical-security officer (医保经办人) of the county (`officer2`).
    pub medical_officer: UserId,
    /// The resident who applied online (谭丽华).
    pub online_resident: UserId,
}

/// Beijing times on working days counted back from today.
struct WorkingDays {
    today: NaiveDate,
    calendar: Calendar,
}

impl WorkingDays {
    /// `hour:minute` Beijing time on the `k`-th working day before today (`k` ≥ 1, so always
    /// before now).
    fn at(&self, k: u32, hour: u32, minute: u32) -> anyhow::Result<DateTime<Utc>> {
        let mut day = self.today;
        let mut left = k.max(1);
        while left > 0 {
            day = day
                .pred_opt()
                .ok_or_else(|| anyhow::anyhow!("no day before {day}"))?;
            if self.calendar.is_working_day(day).value {
                left -= 1;
            }
        }
        let local = day
            .and_hms_opt(hour, minute, 0)
            .ok_or_else(|| anyhow::anyhow!("bad time {hour}:{minute}"))?;
        let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
        let at = beijing
            .from_local_datetime(&local)
            .single()
            .ok_or_else(|| anyhow::anyhow!("no such Beijing time"))?;
        Ok(at.with_timezone(&Utc))
    }
}

/// Builds the township's demo cases for `households` (found by address) at `now`.
pub fn build(
    households: &[Household],
    staff: &Staff,
    more: &MoreStaff,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> anyhow::Result<DemoCases> {
    let home = |address: &str| {
        households
            .iter()
            .find(|h| h.address == address)
            .ok_or_else(|| anyhow::anyhow!("no demo household at {address}"))
    };
    let w = WorkingDays {
        today: china_date(now),
        calendar: Calendar::builtin(),
    };
    let lijia = PlaceCode::parse(LIJIA)?;
    let limit = |item: &str| {
        catalogue
            .time_limit(&AidItemCode(item.into()), &lijia)
            .ok_or_else(|| anyhow::anyhow!("{item} has no time limit"))
    };
    let clerk = Actor {
        user: staff.clerk,
        role: Role::WindowClerk,
    };
    let resident = Actor {
        user: more.online_resident,
        role: Role::Resident,
    };
    let text = AuthorizationText::builtin();
    let mut out = DemoCases {
        cases: Vec::new(),
        entrustments: Vec::new(),
        evaluations: Vec::new(),
        authorizations: Vec::new(),
        hardship: Vec::new(),
    };
    let open = |address: &str, channel: Channel, by: &Actor, at| -> anyhow::Result<Story<'_>> {
        let applicant = (by.role == Role::Resident).then_some(by.user);
        let mut s = Story::opened(home(address)?, channel, by, applicant, staff, catalogue, at)?;
        s.officers.push((
            DepartmentCode("medical_security".into()),
            more.medical_officer,
        ));
        Ok(s)
    };
    let items = |list: &[&str]| -> Command {
        let items: Vec<AidItemCode> = list.iter().map(|i| AidItemCode((*i).into())).collect();
        Command::EditDraft {
            primary: items.first().cloned(),
            items,
        }
    };
    let material = |codes: &[&str]| codes.iter().map(|c| MaterialCode((*c).into())).collect();

    // 陈大勇: the house burnt down two nights ago; 李家村's committee reported it (主动发现)
    // and the window entered it yesterday afternoon. Waiting for the material check; 临时救助
    // may be accepted first (先行受理).
    let mut s = open(
        "沙坪镇李家村4组9号",
        Channel::ProactiveDiscovery,
        &clerk,
        w.at(1, 16, 20)?,
    )?;
    s.run(items(&["temporary"]), clerk, w.at(1, 16, 25)?)?;
    s.run_saying(
        Command::Submit,
        clerk,
        w.at(1, 16, 40)?,
        Some("李家村村委会报告：住房夜间失火烧毁，一家三口暂住亲戚家，生活无着，请求临时救助"),
    )?;
    s.finish_unentrusted(&mut out);
    // The committee's report the window entered it from (困难报告): the supervision dashboard
    // shows it beside the case, not yet answered.
    if let Some(case) = out.cases.last() {
        out.hardship.push(domain::fieldwork::HardshipReport {
            id: domain::fieldwork::HardshipId(uuid::Uuid::now_v7()),
            reporter: staff.clerk,
            place: lijia.clone(),
            person_name: None,
            household: Some(case.household),
            category: domain::fieldwork::HardshipCategory::Disaster,
            description: "住房夜间失火烧毁，一家三口暂住亲戚家，生活无着".to_owned(),
            urgency: domain::fieldwork::HardshipUrgency::Urgent,
            reported_at: w.at(1, 9, 10)?,
            photos: Vec::new(),
            case: Some(case.case.id()),
        });
    }

    // 谭丽华 applied for 低保 on her phone; the window's one notice asked for two materials,
    // which she uploaded yesterday evening (the clock waited meanwhile).
    let mut s = open(
        "沙坪镇李家村2组16号",
        Channel::Online,
        &resident,
        w.at(6, 20, 30)?,
    )?;
    s.run(items(&["dibao"]), resident, w.at(6, 20, 35)?)?;
    s.run(Command::Submit, resident, w.at(6, 20, 50)?)?;
    s.clerk_at(
        Command::RequestSupplement {
            missing: material(&["income_statement", "property_declaration"]),
            seen: vec![],
        },
        w.at(5, 9, 30)?,
    )?;
    s.run(Command::Resubmit, resident, w.at(1, 19, 10)?)?;
    s.finish_unentrusted(&mut out);

    // 邓志强 phoned the township's hotline about 低保 (his illness, a daughter at school); the
    // family came in five working days ago with the materials and signed the verification
    // authorization at the window (the daughter through her mother as guardian). Accepted;
    // the economic check waits for the verifier, the routing for the township leader's
    // agreement (分管领导同意分办), which has not come: the 1-working-day routing clock is
    // late, escalated to the leader and the county (督办).
    let deng = home("沙坪镇李家村1组5号")?;
    let mut s = open(&deng.address, Channel::Hotline, &clerk, w.at(6, 10, 5)?)?;
    s.run(items(&["dibao"]), clerk, w.at(6, 10, 10)?)?;
    s.run(Command::Submit, clerk, w.at(6, 10, 20)?)?;
    out.authorizations.push(package(
        deng,
        &text,
        staff.clerk,
        w.at(5, 9, 40)?,
        demo_image,
        Photos::None,
    ));
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(5, 10, 0)?)?;
    s.finish_unentrusted(&mut out);

    // 彭桂芳, a widow living alone, walked in yesterday morning after a hospital stay: 临时救助,
    // accepted, and the team checked, visited and heard the village the same day. The township
    // leader agrees (同意分办), then the window routes it by the end of today's working day.
    let peng = home("沙坪镇李家村3组21号")?;
    let mut s = open(&peng.address, Channel::Window, &clerk, w.at(1, 9, 0)?)?;
    s.run(items(&["temporary"]), clerk, w.at(1, 9, 5)?)?;
    s.run(Command::Submit, clerk, w.at(1, 9, 15)?)?;
    let signed = package(
        peng,
        &text,
        staff.clerk,
        w.at(1, 9, 20)?,
        demo_image,
        Photos::None,
    );
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(1, 9, 30)?)?;
    s.verifier_at(economic_check(&signed), w.at(1, 11, 0)?)?;
    out.authorizations.push(signed);
    s.verifier_at(Command::HomeSurvey, w.at(1, 14, 30)?)?;
    s.verifier_at(Command::DemocraticAppraisal, w.at(1, 17, 0)?)?;
    s.finish_unentrusted(&mut out);

    // 吴国平 went first to 桂溪街道's window (he was in the county hospital); it referred him
    // to 沙坪镇, where his household is registered. 临时救助 and 医疗救助: civil affairs leads,
    // medical security decides the medical aid. Civil affairs approved yesterday: the window
    // tells him within 2 working days; medical security is still deciding.
    let mut s = open(
        "沙坪镇李家村5组2号",
        Channel::Window,
        &clerk,
        w.at(9, 10, 0)?,
    )?
    .referred("桂溪街道社会救助服务窗口")?;
    s.run(items(&["temporary", "medical"]), clerk, w.at(9, 10, 5)?)?;
    s.run_saying(
        Command::Submit,
        clerk,
        w.at(9, 10, 15)?,
        Some("桂溪街道社会救助服务窗口转来：申请人户籍在沙坪镇李家村，首问窗口已告知到户籍地申请"),
    )?;
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(9, 10, 30)?)?;
    s.route_at(w.at(8, 9, 30)?)?;
    s.approve_at("temporary", 300_000, AmountPeriod::OneOff, w.at(1, 15, 0)?)?;
    s.finish_unentrusted(&mut out);

    // 余德福 and his wife walked in for 低保; routed to civil affairs, the economic check is
    // done, the home survey is the verifier's next visit.
    let yu = home("沙坪镇李家村6组8号")?;
    let mut s = open(&yu.address, Channel::Window, &clerk, w.at(4, 9, 0)?)?;
    s.run(items(&["dibao"]), clerk, w.at(4, 9, 10)?)?;
    s.run(Command::Submit, clerk, w.at(4, 9, 20)?)?;
    let signed = package(
        yu,
        &text,
        staff.clerk,
        w.at(4, 9, 30)?,
        demo_image,
        Photos::None,
    );
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(4, 9, 40)?)?;
    s.route_at(w.at(3, 10, 0)?)?;
    s.verifier_at(economic_check(&signed), w.at(2, 14, 0)?)?;
    out.authorizations.push(signed);
    s.finish_unentrusted(&mut out);

    // 冉光明 (his old mother's stroke) phoned in for 临时救助: routed to civil affairs, one
    // working day left; the window chased the department yesterday and told him.
    let days = limit("temporary")?.days;
    let mut s = open(
        "沙坪镇李家村7组3号",
        Channel::Hotline,
        &clerk,
        w.at(days + 1, 9, 0)?,
    )?;
    s.run(items(&["temporary"]), clerk, w.at(days + 1, 9, 10)?)?;
    s.run(Command::Submit, clerk, w.at(days + 1, 9, 20)?)?;
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(days, 10, 0)?)?;
    s.route_at(w.at(days - 1, 9, 0)?)?;
    s.verifier_at(Command::HomeSurvey, w.at(days - 3, 15, 0)?)?;
    s.run_saying(
        Command::Chase {
            item: Some(AidItemCode::temporary()),
        },
        clerk,
        w.at(1, 16, 0)?,
        Some("已电话催办县民政局，办理期限将至；已电话告知申请人办理进度"),
    )?;
    s.finish_unentrusted(&mut out);

    // 秦永福 walked in for 低保 seven weeks ago; verified, and the officer extended the
    // decision by 10 working days before it ran out, to check his son's wages out of
    // province.
    let dibao = limit("dibao")?;
    let r = dibao.days + 5;
    let qin = home("沙坪镇李家村8组11号")?;
    let mut s = open(&qin.address, Channel::Window, &clerk, w.at(r + 1, 9, 0)?)?;
    s.run(items(&["dibao"]), clerk, w.at(r + 1, 9, 10)?)?;
    s.run(Command::Submit, clerk, w.at(r + 1, 9, 20)?)?;
    let signed = package(
        qin,
        &text,
        staff.clerk,
        w.at(r + 1, 9, 30)?,
        demo_image,
        Photos::None,
    );
    s.clerk_at(Command::Accept { missing: vec![] }, w.at(r + 1, 9, 40)?)?;
    s.route_at(w.at(r, 10, 0)?)?;
    s.verifier_at(economic_check(&signed), w.at(r - 2, 14, 0)?)?;
    out.authorizations.push(signed);
    s.verifier_at(Command::HomeSurvey, w.at(r - 4, 10, 0)?)?;
    s.verifier_at(Command::DemocraticAppraisal, w.at(r - 10, 15, 0)?)?;
    let dibao_item = AidItemCode("dibao".into());
    let (department, officer) = s.officer_for(&dibao_item)?;
    s.run_saying(
        Command::ExtendDeadline {
            item: dibao_item,
            department,
            working_days: i64::from(dibao.extension_days.min(10)),
            cap_days: Some(i64::from(dibao.extension_days)),
        },
        officer,
        w.at(6, 16, 0)?,
        Some("申请人之子在外省务工，工资收入需函询务工地核实，延长审核确认期限"),
    )?;
    s.finish_unentrusted(&mut out);

    Ok(out)
}

/// The economic check under `authorization` (which covers every member).
fn economic_check(authorization: &domain::authorization::AuthorizationRecord) -> Command {
    Command::EconomicCheck {
        adults_without_authorization: vec![],
        authorizations: vec![authorization.id],
    }
}

#[cfg(test)]
#[path = "township_tests.rs"]
mod tests;
