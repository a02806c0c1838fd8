//! Why the workspace's action form cannot be sent, as a code the screen says in the reader's
//! language: the form's own checks, and the workflow's or the routing rules' refusals (their
//! Chinese from `domain`, their English from the same errors' `Display`).

use domain::routing::RoutingError;
use domain::workflow::{CommandKind, PreconditionFailed, WorkflowError};

/// A refusal at the button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    /// No action chosen.
    NoAction,
    /// The amount is not a yuan amount with at most two decimals.
    Amount,
    /// The amount is too large.
    AmountTooLarge,
    /// No (valid) item chosen.
    ItemRequired,
    /// Only a department officer acts for a department.
    DepartmentOnly,
    /// A notice or urgent acceptance needs the missing materials ticked.
    MaterialsRequired,
    /// A non-acceptance needs where to apply instead.
    ReferralRequired,
    /// A denial needs its reason.
    DenialReason,
    /// An extension needs its working days.
    DaysRequired,
    /// A re-routing needs the department.
    DepartmentRequired,
    /// Resolving an objection needs its number.
    ObjectionRequired,
    /// This action is not taken here.
    NotHere(CommandKind),
    /// This action needs a written reason.
    ReasonRequired(CommandKind),
    /// The routing rules refused.
    Routing(RoutingError),
    /// The window's change of the routing is not one the catalogue allows.
    RoutingChoice {
        /// Why, in Chinese (with the catalogue's names).
        zh: String,
        /// Why, in English.
        en: String,
    },
    /// The workflow's rules refused.
    Workflow(WorkflowError),
}

impl ActionError {
    /// Stable code (for tests and logs).
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::NoAction => "no_action",
            ActionError::Amount => "amount",
            ActionError::AmountTooLarge => "amount_too_large",
            ActionError::ItemRequired => "item_required",
            ActionError::DepartmentOnly => "department_only",
            ActionError::MaterialsRequired => "materials_required",
            ActionError::ReferralRequired => "referral_required",
            ActionError::DenialReason => "denial_reason",
            ActionError::DaysRequired => "days_required",
            ActionError::DepartmentRequired => "department_required",
            ActionError::ObjectionRequired => "objection_required",
            ActionError::NotHere(_) => "not_here",
            ActionError::ReasonRequired(_) => "reason_required",
            ActionError::Routing(_) => "routing",
            ActionError::RoutingChoice { .. } => "routing_choice",
            ActionError::Workflow(_) => "workflow",
        }
    }

    /// In Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ActionError::NoAction => "请选择要办理的事项".to_owned(),
            ActionError::Amount => "请填写金额（元），最多两位小数，例如 580 或 1500.50".to_owned(),
            ActionError::AmountTooLarge => "金额过大".to_owned(),
            ActionError::ItemRequired => "请选择救助事项".to_owned(),
            ActionError::DepartmentOnly => "只有部门经办人可以办理本部门事项".to_owned(),
            ActionError::MaterialsRequired => "请勾选缺少或不合格的材料".to_owned(),
            ActionError::ReferralRequired => "请填写应向哪里申请".to_owned(),
            ActionError::DenialReason => "不予批准须写明理由".to_owned(),
            ActionError::DaysRequired => "请填写延长的工作日数".to_owned(),
            ActionError::DepartmentRequired => "请选择转办到的部门".to_owned(),
            ActionError::ObjectionRequired => "请填写异议编号".to_owned(),
            ActionError::NotHere(kind) => format!("此处不能办理「{}」", kind.name_zh()),
            ActionError::ReasonRequired(kind) => format!("「{}」须写明理由", kind.name_zh()),
            ActionError::Routing(e) => e.message_zh(),
            ActionError::RoutingChoice { zh, .. } => zh.clone(),
            // Materials by their names, as the checklist beside the button shows them.
            ActionError::Workflow(WorkflowError::Precondition {
                command,
                failed: PreconditionFailed::MaterialsMissing { missing },
            }) => format!(
                "不能执行“{}”：材料不齐全，缺少：{}",
                command.name_zh(),
                material_names(missing)
            ),
            ActionError::Workflow(e) => e.message_zh(),
        }
    }

    /// In English.
    pub fn message_en(&self) -> String {
        match self {
            ActionError::NoAction => "Choose an action".to_owned(),
            ActionError::Amount => {
                "Give the amount in yuan, at most two decimals, e.g. 580 or 1500.50".to_owned()
            }
            ActionError::AmountTooLarge => "The amount is too large".to_owned(),
            ActionError::ItemRequired => "Choose the aid item".to_owned(),
            ActionError::DepartmentOnly => {
                "Only a department officer acts on their department's items".to_owned()
            }
            ActionError::MaterialsRequired => "Tick every missing or unusable material".to_owned(),
            ActionError::ReferralRequired => "Say where to apply instead".to_owned(),
            ActionError::DenialReason => "A denial needs its written reason".to_owned(),
            ActionError::DaysRequired => "Give the working days to extend by".to_owned(),
            ActionError::DepartmentRequired => "Choose the department to route to".to_owned(),
            ActionError::ObjectionRequired => "Give the objection's number".to_owned(),
            ActionError::NotHere(kind) => format!("“{}” is not taken here", kind.name_en()),
            ActionError::ReasonRequired(kind) => {
                format!("“{}” needs a written reason", kind.name_en())
            }
            ActionError::Routing(e) => capitalised(&e.to_string()),
            ActionError::RoutingChoice { en, .. } => capitalised(en),
            ActionError::Workflow(e) => capitalised(&e.to_string()),
        }
    }

    /// In the reader's language.
    pub fn message(&self, english: bool) -> String {
        if english {
            self.message_en()
        } else {
            self.message_zh()
        }
    }
}

/// The catalogue's names of `missing`, in order (a code the catalogue lacks as it is).
fn material_names(missing: &[domain::catalogue::MaterialCode]) -> String {
    missing
        .iter()
        .map(|m| {
            crate::forms::intake::materials::material_name(
                crate::components::catalogue::catalogue(),
                m.as_str(),
            )
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// `s` with its first letter upper-cased. ASCII only: the messages are English, and a full
/// Unicode upper-casing would put core's 12 KB case table in the first load.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| {
            std::iter::once(first.to_ascii_uppercase())
                .chain(c)
                .collect()
        })
        .unwrap_or_default()
}

impl From<WorkflowError> for ActionError {
    fn from(e: WorkflowError) -> Self {
        ActionError::Workflow(e)
    }
}

impl From<RoutingError> for ActionError {
    fn from(e: RoutingError) -> Self {
        ActionError::Routing(e)
    }
}
