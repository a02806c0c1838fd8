//! A tracked case as a parcel-tracking timeline: where it stands now, who has it, and each step
//! with its date and, for a running step, its deadline in working days (the domain's clocks).
//! Masked: the applicant's name as `mask_name` gives it; no ID number, phone or address.

use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::{Dated, Deadline};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::{CaseClocks, case_clocks, china_date};
use domain::household::Relation;
use domain::identity::mask_name;
use domain::workflow::{AmountPeriod, CaseState, Party};

use super::layout::{Lang, escape};
use super::lookup::Found;
use super::timeline_steps::steps;
use crate::pages::notice::yuan;

/// One line of the timeline.
pub struct Step {
    /// When it happened; `None` for what is still to come.
    pub at: Option<DateTime<Utc>>,
    /// What happened, plain.
    pub what: String,
    /// More: materials, reasons, deadlines (escaped here).
    pub more: Vec<String>,
}

/// What the timeline needs besides the case.
pub struct Context<'a> {
    /// The language.
    pub lang: Lang,
    /// The catalogue, for names.
    pub catalogue: &'a Catalogue,
    /// The case's clocks, when the calendar could count them.
    pub clocks: Option<CaseClocks>,
    /// The township whose window handles the case.
    pub township: String,
}

impl Context<'_> {
    /// An item's name.
    pub fn item(&self, code: &AidItemCode) -> String {
        self.catalogue.item(code).map_or_else(
            || code.as_str().to_owned(),
            |i| self.lang.t(&i.name_zh, &i.name_en).to_owned(),
        )
    }

    /// A department's name.
    pub fn department(&self, code: &domain::department::DepartmentCode) -> String {
        self.catalogue.department(code).map_or_else(
            || code.as_str().to_owned(),
            |d| self.lang.t(&d.name_zh, &d.name_en).to_owned(),
        )
    }

    /// A material's name.
    pub fn material(&self, code: &domain::catalogue::MaterialCode) -> String {
        self.catalogue.material(code).map_or_else(
            || code.as_str().to_owned(),
            |m| self.lang.t(&m.name_zh, &m.name_en).to_owned(),
        )
    }

    /// A day: `2026年12月01日` or `2026-12-01`.
    pub fn day(&self, day: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => day.format("%Y年%m月%d日").to_string(),
            Lang::En => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// A deadline: "by 2026年12月08日", or that its clock waits for the materials.
    pub fn deadline(&self, d: Dated<Deadline>) -> String {
        let estimated = if d.provisional {
            self.lang.t("（按预计的节假日）", " (holidays estimated)")
        } else {
            ""
        };
        match d.value {
            Deadline::Due { on } => match self.lang {
                Lang::Zh => format!("最晚 {} 办完{estimated}", self.day(on)),
                Lang::En => format!("Due by {}{estimated}", self.day(on)),
            },
            Deadline::Suspended { .. } => self
                .lang
                .t(
                    "补交材料期间暂停计时，补齐后接着算",
                    "The clock waits until the missing papers are brought",
                )
                .to_owned(),
        }
    }

    /// An approved amount.
    pub fn amount(&self, amount: &domain::workflow::AidAmount) -> String {
        match (self.lang, amount.period) {
            (Lang::Zh, AmountPeriod::Monthly) => format!("每月 {} 元", yuan(amount.fen)),
            (Lang::Zh, AmountPeriod::OneOff) => format!("一次性 {} 元", yuan(amount.fen)),
            (Lang::En, AmountPeriod::Monthly) => format!("{} yuan a month", yuan(amount.fen)),
            (Lang::En, AmountPeriod::OneOff) => format!("{} yuan once", yuan(amount.fen)),
        }
    }
}

/// The whole timeline section of a found case.
pub fn render(
    found: &Found,
    catalogue: &Catalogue,
    calendar: &domain::calendar::Calendar,
    township: String,
    lang: Lang,
) -> String {
    let case = &found.record.case;
    let clocks = case_clocks(case, catalogue, calendar, &found.scope.place).ok();
    let cx = Context {
        lang,
        catalogue,
        clocks,
        township,
    };
    let applicant = found
        .household
        .members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .map_or_else(String::new, |m| mask_name(m.name.expose()));
    let items: Vec<String> = case.requested_items().iter().map(|i| cx.item(i)).collect();
    let (state, explain) = state_words(lang, case.state());
    let mut out = format!(
        "<section class=\"summary\" data-found aria-labelledby=\"now\" role=\"status\"><h2 id=\"now\" class=\"state\">{}</h2><p>{}</p>",
        escape(state),
        escape(explain)
    );
    let holders: Vec<String> = case.pending_on().iter().map(|p| party(&cx, p)).collect();
    if !holders.is_empty() {
        out.push_str(&format!(
            "<p>{}{}</p>",
            lang.t("现在在办的：", "With: "),
            escape(&holders.join(lang.t("、", ", ")))
        ));
    }
    out.push_str("</section><dl class=\"facts\">");
    let mut fact = |dt: &str, dd: String| {
        out.push_str(&format!("<dt>{dt}</dt><dd>{}</dd>", escape(&dd)));
    };
    fact(lang.t("申请人", "Applicant"), applicant);
    fact(
        lang.t("申请的事项", "Applied for"),
        items.join(lang.t("、", ", ")),
    );
    fact(lang.t("受理窗口", "Window"), cx.township.clone());
    out.push_str(&format!(
        "</dl><h2>{}</h2><p class=\"hint\">{}</p><ol class=\"timeline\">",
        lang.t("办理经过", "What happened"),
        lang.t(
            "工作日：不算周六、周日和法定节假日。",
            "Working days leave out weekends and public holidays."
        )
    ));
    for step in steps(&cx, found) {
        let class = if step.at.is_none() {
            " class=\"waiting\""
        } else {
            ""
        };
        let when = match step.at {
            Some(at) => cx.day(china_date(at)),
            None => lang.t("接下来", "Next").to_owned(),
        };
        out.push_str(&format!(
            "<li{class}><span class=\"when\">{}</span><span class=\"what\">{}</span>",
            escape(&when),
            escape(&step.what)
        ));
        for line in &step.more {
            out.push_str(&format!("<span class=\"more\">{}</span><br>", escape(line)));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// Who has the case now.
pub fn party(cx: &Context<'_>, p: &Party) -> String {
    match p {
        Party::Applicant => cx
            .lang
            .t("您（请补交材料）", "You (bring the missing papers)")
            .to_owned(),
        Party::Window => match cx.lang {
            Lang::Zh => format!("{}社会救助受理窗口", cx.township),
            Lang::En => format!("the window of {}", cx.township),
        },
        Party::Verifier => cx
            .lang
            .t(
                "乡镇核查组（上门了解情况）",
                "the township's verification team",
            )
            .to_owned(),
        Party::Department(d) => cx.department(d),
        Party::Leader => match cx.lang {
            Lang::Zh => format!("{}分管领导（审批分办）", cx.township),
            Lang::En => format!("the leader in charge at {}", cx.township),
        },
    }
}

/// The state in plain words, and what it means for the applicant.
pub(crate) fn state_words(lang: Lang, state: CaseState) -> (&'static str, &'static str) {
    use CaseState as S;
    let (zh, zh_more, en, en_more) = match state {
        S::Draft => (
            "还没有交",
            "申请还没有交到窗口。",
            "Not sent yet",
            "The application has not reached the window.",
        ),
        S::Submitted => (
            "窗口已收到",
            "窗口正在看材料齐不齐。",
            "Received",
            "The window is checking the papers.",
        ),
        S::SupplementRequested => (
            "还缺材料",
            "请把下面列出的材料交到窗口或交给帮办员。",
            "Papers missing",
            "Bring the papers listed below to the window or your helper.",
        ),
        S::Resubmitted => (
            "已补交材料",
            "窗口正在重新看材料。",
            "Papers brought",
            "The window is checking the papers again.",
        ),
        S::NotAccepted => (
            "不予受理",
            "这件事不归社会救助办，下面写了原因和该去哪里。",
            "Not accepted",
            "This is not social assistance: the reason and where to go are below.",
        ),
        S::Accepted => (
            "已受理",
            "窗口收下了申请，正在核查家里的情况。",
            "Accepted",
            "The window accepted it and checks the household's situation.",
        ),
        S::Routed => (
            "部门办理中",
            "申请已交给负责的部门办。",
            "With the departments",
            "The departments responsible are deciding.",
        ),
        S::InPublicNotice => (
            "公示中",
            "已批准，正在村里张榜公示。",
            "Posted publicly",
            "Approved, and posted in the village for a few days.",
        ),
        S::Decided => (
            "已办完，待通知",
            "结果出来了，窗口会在 2 个工作日内告诉您。",
            "Decided",
            "The window tells you the result within 2 working days.",
        ),
        S::ResultNotified => (
            "已通知结果",
            "窗口已把结果告诉您。",
            "Result told",
            "The window has told you the result.",
        ),
        S::Closed => (
            "已办结",
            "这件申请办完了。",
            "Finished",
            "This application is finished.",
        ),
        S::Archived => (
            "已办结",
            "这件申请办完了，已存档。",
            "Finished",
            "This application is finished and filed.",
        ),
        S::Withdrawn => (
            "已撤回",
            "申请已撤回，不再办理。",
            "Withdrawn",
            "The application was withdrawn.",
        ),
        S::Terminated => (
            "已终止",
            "按您的要求停止办理。",
            "Ended",
            "Ended at your request.",
        ),
    };
    match lang {
        Lang::Zh => (zh, zh_more),
        Lang::En => (en, en_more),
    }
}
