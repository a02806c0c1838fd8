//! The timeline's steps, one per event a resident cares about (drafting, supervision notes
//! and chasing stay internal), and the step still to come with its deadline.

use domain::workflow::{EventBody, VerificationStep};

use super::layout::Lang;
use super::lookup::Found;
use super::timeline::{Context, Step, party};

/// The steps of `found`, oldest first, ending with what comes next while the case is open.
pub fn steps(cx: &Context<'_>, found: &Found) -> Vec<Step> {
    let lang = cx.lang;
    let t = |zh: &str, en: &str| lang.t(zh, en).to_owned();
    let mut out = Vec::new();
    for e in &found.record.events {
        let reason = e.reason.as_deref().unwrap_or("").trim().to_owned();
        let because = |label_zh: &str, label_en: &str| -> Vec<String> {
            if reason.is_empty() {
                Vec::new()
            } else {
                vec![format!("{}{reason}", lang.t(label_zh, label_en))]
            }
        };
        let (what, more) = match &e.body {
            EventBody::Submitted => (
                t("申请交到了窗口", "The application reached the window"),
                Vec::new(),
            ),
            EventBody::SupplementRequested { missing, .. } => {
                let names: Vec<String> = missing.iter().map(|m| cx.material(m)).collect();
                (
                    t(
                        "窗口一次告诉您还缺这些材料",
                        "The window listed every missing paper",
                    ),
                    vec![
                        names.join(lang.t("、", ", ")),
                        t(
                            "补齐以前，办理时间暂停计算。",
                            "Until they are brought, the clock waits.",
                        ),
                    ],
                )
            }
            EventBody::Resubmitted => (
                t("材料补交了", "The missing papers were brought"),
                Vec::new(),
            ),
            EventBody::RoutingApproved => (
                t(
                    "乡镇分管领导同意转交救助部门",
                    "The township's leader agreed to send it to the departments",
                ),
                Vec::new(),
            ),
            EventBody::Accepted => (
                t("窗口受理了申请", "The window accepted the application"),
                Vec::new(),
            ),
            EventBody::UrgentlyAccepted { outstanding, .. } => {
                let names: Vec<String> = outstanding.iter().map(|m| cx.material(m)).collect();
                let mut more = vec![t(
                    "情况紧急，先受理，后补材料。",
                    "Urgent: accepted first, papers later.",
                )];
                if !names.is_empty() {
                    more.push(format!(
                        "{}{}",
                        lang.t("还要补：", "Still to bring: "),
                        names.join(lang.t("、", ", "))
                    ));
                }
                (
                    t("窗口先行受理了申请", "The window accepted it at once"),
                    more,
                )
            }
            EventBody::NotAccepted { referral, .. } => {
                let mut more = because("原因：", "Reason: ");
                if !referral.trim().is_empty() {
                    more.push(format!(
                        "{}{}",
                        lang.t("请到：", "Go to: "),
                        referral.trim()
                    ));
                }
                (t("不予受理", "Not accepted"), more)
            }
            EventBody::MaterialsCompleted => (t("材料都齐了", "Every paper is in"), Vec::new()),
            EventBody::VerificationStepDone { step, .. } => (
                match step {
                    VerificationStep::EconomicCheck => {
                        t("家庭收入和财产核对完了", "Income and property checked")
                    }
                    VerificationStep::HomeSurvey => t("工作人员上门了解了情况", "Home visit done"),
                    VerificationStep::DemocraticAppraisal => {
                        t("村里评议完了", "Village appraisal done")
                    }
                },
                Vec::new(),
            ),
            EventBody::Routed { items, .. } => {
                let mut more = Vec::new();
                for (item, department) in items {
                    let mut line = format!(
                        "{}{}{}",
                        cx.item(item),
                        lang.t(" → ", " → "),
                        cx.department(department)
                    );
                    if let Some(c) = cx
                        .clocks
                        .as_ref()
                        .and_then(|c| c.items.iter().find(|c| &c.item == item))
                    {
                        line.push_str(&match lang {
                            Lang::Zh => {
                                format!("，{} 个工作日内办完", c.limit.days + c.extension_used)
                            }
                            Lang::En => {
                                format!(", within {} working days", c.limit.days + c.extension_used)
                            }
                        });
                        if c.decided_on.is_none() {
                            line.push_str(&format!("（{}）", cx.deadline(c.deadline)));
                        }
                    }
                    more.push(line);
                }
                (
                    t(
                        "申请交给了负责的部门",
                        "Sent to the departments responsible",
                    ),
                    more,
                )
            }
            EventBody::ItemApproved { item, amount, .. } => (
                format!("{}{}", cx.item(item), lang.t("：批准", ": approved")),
                vec![cx.amount(amount)],
            ),
            EventBody::ItemDenied { item, .. } => (
                format!("{}{}", cx.item(item), lang.t("：不批准", ": not approved")),
                because("原因：", "Reason: "),
            ),
            EventBody::DeadlineExtended {
                item, working_days, ..
            } => (
                match lang {
                    Lang::Zh => format!("{}的办理时间延长 {working_days} 个工作日", cx.item(item)),
                    Lang::En => format!("{}: {working_days} more working days", cx.item(item)),
                },
                because("原因：", "Reason: "),
            ),
            EventBody::PublicNoticeStarted { item } => (
                format!(
                    "{}{}",
                    cx.item(item),
                    lang.t("：在村里张榜公示", ": posted in the village")
                ),
                Vec::new(),
            ),
            EventBody::PublicNoticeEnded { item } => (
                format!(
                    "{}{}",
                    cx.item(item),
                    lang.t("：公示结束", ": posting ended")
                ),
                Vec::new(),
            ),
            EventBody::ObjectionFiled { .. } => (
                t(
                    "收到了异议，正在复核",
                    "An objection was filed and is reviewed",
                ),
                Vec::new(),
            ),
            EventBody::ObjectionResolved { upheld, .. } => (
                if *upheld {
                    t("异议成立，重新办理", "Objection upheld: decided again")
                } else {
                    t(
                        "异议不成立，维持原来的决定",
                        "Objection not upheld: the decision stands",
                    )
                },
                Vec::new(),
            ),
            EventBody::ItemReturned { item, department } => (
                match lang {
                    Lang::Zh => format!(
                        "{}说{}不归它办，退回窗口另找部门",
                        cx.department(department),
                        cx.item(item)
                    ),
                    Lang::En => format!(
                        "{} returned {}: not theirs",
                        cx.department(department),
                        cx.item(item)
                    ),
                },
                Vec::new(),
            ),
            EventBody::ItemRerouted { item, to, .. } => (
                match lang {
                    Lang::Zh => format!("{}改交{}办理", cx.item(item), cx.department(to)),
                    Lang::En => format!("{} sent to {}", cx.item(item), cx.department(to)),
                },
                Vec::new(),
            ),
            EventBody::ItemResultTold { item } => (
                format!(
                    "{}{}",
                    lang.t("窗口告诉了您结果：", "You were told the result: "),
                    cx.item(item)
                ),
                Vec::new(),
            ),
            EventBody::ResultNotified => (
                t("窗口把结果告诉了您", "The window told you the result"),
                Vec::new(),
            ),
            EventBody::Evaluated { .. } => {
                (t("您评价了这次服务", "You rated the service"), Vec::new())
            }
            EventBody::ReviewRequested => (
                t(
                    "您对结果有异议，申请了复核",
                    "You asked for a review of the result",
                ),
                because("您的理由：", "Your reason: "),
            ),
            EventBody::ReviewAnswered => (
                t(
                    "窗口答复了您的复核申请",
                    "The window answered your review request",
                ),
                because("答复：", "The answer: "),
            ),
            EventBody::Closed => (t("办结", "Finished"), Vec::new()),
            EventBody::Archived => (t("存档", "Filed"), Vec::new()),
            EventBody::Withdrawn => (t("申请撤回了", "Withdrawn"), Vec::new()),
            EventBody::Terminated => (t("按您的要求停止办理", "Ended at your request"), Vec::new()),
            EventBody::Created { .. }
            | EventBody::DraftEdited { .. }
            | EventBody::SupervisionNoted
            // The leader's return and the window's new request are the office's own work.
            | EventBody::ReturnedForRevision
            | EventBody::ApprovalRequested
            | EventBody::Chased { .. } => continue,
        };
        out.push(Step {
            at: Some(e.at),
            what,
            more,
        });
    }
    if let Some(next) = next_step(cx, found) {
        out.push(next);
    }
    out
}

/// What comes next while the case is open: who has it and by when.
fn next_step(cx: &Context<'_>, found: &Found) -> Option<Step> {
    let case = &found.record.case;
    if !case.is_open() {
        return None;
    }
    let holders: Vec<String> = case.pending_on().iter().map(|p| party(cx, p)).collect();
    if holders.is_empty() {
        return None;
    }
    let lang = cx.lang;
    let mut more = Vec::new();
    if let Some(clocks) = &cx.clocks {
        if let Some(route) = clocks.route {
            more.push(match lang {
                Lang::Zh => format!(
                    "窗口要在 1 个工作日内把申请交给部门：最晚 {}",
                    cx.day(route.value)
                ),
                Lang::En => format!(
                    "The window sends it on within 1 working day: by {}",
                    cx.day(route.value)
                ),
            });
        }
        if let Some(notify) = clocks.notify {
            more.push(match lang {
                Lang::Zh => format!(
                    "窗口要在 2 个工作日内告诉您结果：最晚 {}",
                    cx.day(notify.value)
                ),
                Lang::En => format!(
                    "The window tells you within 2 working days: by {}",
                    cx.day(notify.value)
                ),
            });
        }
        if clocks.route.is_none() {
            for c in clocks.items.iter().filter(|c| c.decided_on.is_none()) {
                more.push(format!("{}：{}", cx.item(&c.item), cx.deadline(c.deadline)));
            }
        }
    }
    Some(Step {
        at: None,
        what: format!(
            "{}{}",
            lang.t("现在在办：", "Now with: "),
            holders.join(lang.t("、", ", "))
        ),
        more,
    })
}
