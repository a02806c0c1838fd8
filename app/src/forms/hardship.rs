//! The hardship report form (主动发现): what the grid worker types, and the report it makes.

use chrono::{DateTime, Utc};
use domain::catalogue::Catalogue;
use domain::fieldwork::{
    AttachmentRef, HardshipCategory, HardshipId, HardshipReport, HardshipUrgency,
};
use domain::identity::PersonName;
use domain::ids::{CaseId, HouseholdId, UserId};
use domain::jurisdiction::PlaceCode;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::FormError;
use super::intake::case::{CasePlan, NewCase, plan_case};
use crate::records::Account;

/// The category codes, in the order the form lists them.
pub const CATEGORIES: [&str; 7] = [
    "serious_illness",
    "accident",
    "disaster",
    "death_in_family",
    "sudden_income_loss",
    "no_one_to_care",
    "other",
];

/// The urgency codes, most urgent first.
pub const URGENCIES: [&str; 3] = ["urgent", "soon", "normal"];

/// The form as typed; saved as a draft on every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardshipDraft {
    /// The person concerned (optional).
    pub person_name: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// The words for "other".
    pub other_text: String,
    /// One of [`URGENCIES`].
    pub urgency: String,
    /// What happened and where.
    pub description: String,
    /// Photos' hashes, in the order taken.
    #[serde(default)]
    pub photos: Vec<String>,
    /// Where it happened (a grid below the reporter's place); empty: the reporter's place.
    #[serde(default)]
    pub place: String,
    /// The household concerned, when it is on record (its id); empty: not known.
    #[serde(default)]
    pub household: String,
}

impl Default for HardshipDraft {
    fn default() -> Self {
        HardshipDraft {
            person_name: String::new(),
            category: CATEGORIES[0].to_owned(),
            other_text: String::new(),
            urgency: "normal".to_owned(),
            description: String::new(),
            photos: Vec::new(),
            place: String::new(),
            household: String::new(),
        }
    }
}

impl HardshipDraft {
    /// The form showing a stored report (to fix one the server refused).
    pub fn from_report(r: &HardshipReport) -> Self {
        let (category, other_text) = match &r.category {
            HardshipCategory::Other { text } => ("other".to_owned(), text.clone()),
            c => (category_code(c).to_owned(), String::new()),
        };
        HardshipDraft {
            person_name: r
                .person_name
                .as_ref()
                .map(|n| n.expose().to_owned())
                .unwrap_or_default(),
            category,
            other_text,
            urgency: urgency_code(r.urgency).to_owned(),
            description: r.description.clone(),
            photos: r.photos.iter().map(|p| p.as_str().to_owned()).collect(),
            place: r.place.as_str().to_owned(),
            household: r.household.map(|h| h.to_string()).unwrap_or_default(),
        }
    }

    /// The report, or every problem with the form. `reported_at` is the original time when
    /// a stored report is fixed, else now.
    pub fn to_report(
        &self,
        id: Uuid,
        account: &Account,
        reported_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<HardshipReport, Vec<FormError>> {
        let mut errors = Vec::new();
        let person_name = match self.person_name.trim() {
            "" => None,
            name => match PersonName::parse(name) {
                Ok(n) => Some(n),
                Err(e) => {
                    errors.push(FormError {
                        path: "person_name".to_owned(),
                        message: e.message_zh(),
                    });
                    None
                }
            },
        };
        let mut photos = Vec::new();
        for (i, p) in self.photos.iter().enumerate() {
            match AttachmentRef::parse(p) {
                Ok(r) => photos.push(r),
                Err(e) => errors.push(FormError {
                    path: format!("photos[{i}]"),
                    message: e.message_zh(),
                }),
            }
        }
        let place = match self.place.trim() {
            "" => account.place.as_str(),
            chosen => chosen,
        };
        let (Ok(reporter), Ok(place)) = (Uuid::parse_str(&account.user), PlaceCode::parse(place))
        else {
            errors.push(FormError {
                path: "account".to_owned(),
                message: "登录信息有误，请重新登录".to_owned(),
            });
            return Err(errors);
        };
        let report = HardshipReport {
            id: HardshipId(id),
            reporter: UserId(reporter),
            place,
            person_name,
            household: Uuid::parse_str(&self.household).ok().map(HouseholdId),
            category: category(&self.category, &self.other_text),
            description: self.description.clone(),
            urgency: urgency(&self.urgency),
            reported_at,
            photos,
            case: None,
        };
        if let Err(found) = report.validate(now) {
            errors.extend(found.iter().map(|e| FormError {
                path: e.path(),
                message: e.message_zh(),
            }));
        }
        if errors.is_empty() {
            Ok(report)
        } else {
            Err(errors)
        }
    }
}

fn category(code: &str, other_text: &str) -> HardshipCategory {
    match code {
        "accident" => HardshipCategory::Accident,
        "disaster" => HardshipCategory::Disaster,
        "death_in_family" => HardshipCategory::DeathInFamily,
        "sudden_income_loss" => HardshipCategory::SuddenIncomeLoss,
        "no_one_to_care" => HardshipCategory::NoOneToCare,
        "other" => HardshipCategory::Other {
            text: other_text.to_owned(),
        },
        _ => HardshipCategory::SeriousIllness,
    }
}

fn category_code(c: &HardshipCategory) -> &'static str {
    match c {
        HardshipCategory::SeriousIllness => "serious_illness",
        HardshipCategory::Accident => "accident",
        HardshipCategory::Disaster => "disaster",
        HardshipCategory::DeathInFamily => "death_in_family",
        HardshipCategory::SuddenIncomeLoss => "sudden_income_loss",
        HardshipCategory::NoOneToCare => "no_one_to_care",
        HardshipCategory::Other { .. } => "other",
    }
}

fn urgency(code: &str) -> HardshipUrgency {
    match code {
        "urgent" => HardshipUrgency::Urgent,
        "soon" => HardshipUrgency::Soon,
        _ => HardshipUrgency::Normal,
    }
}

fn urgency_code(u: HardshipUrgency) -> &'static str {
    match u {
        HardshipUrgency::Urgent => "urgent",
        HardshipUrgency::Soon => "soon",
        HardshipUrgency::Normal => "normal",
    }
}

/// An urgent report's temporary-aid case (临时救助 through proactive discovery, which the
/// window may accept first): the case opened, its item set and submitted with the report's
/// description as the reason, and the report now naming it. Refused, with the reason, for a
/// report that may not start one or names no household on record.
pub fn temporary_aid(
    report: &HardshipReport,
    case: CaseId,
    by: &domain::workflow::Actor,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> Result<(CasePlan, HardshipReport), String> {
    let start = report
        .temporary_aid_start(catalogue)
        .ok_or_else(|| "只有紧急且尚未发起申请的报告可以直接发起临时救助".to_owned())?;
    let household = report
        .household
        .ok_or_else(|| "请先在报告中选择涉及的已登记家庭；未登记的请通过代办申请登记".to_owned())?;
    let new = NewCase {
        id: case,
        household,
        channel: start.channel,
        referred_by: None,
    };
    let item = start.item;
    let plan = plan_case(
        None,
        new,
        std::slice::from_ref(&item),
        Some(&item),
        &report.description,
        true,
        by,
        now,
    )?;
    let mut linked = report.clone();
    linked.case = Some(case);
    Ok((plan, linked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> Account {
        Account {
            user: "01890a5d-ac96-774b-bcce-b302099a8057".to_owned(),
            role: "helper".to_owned(),
            place: "500231101201".to_owned(),
            department: None,
            display_name: "李网格".to_owned(),
            ..Account::default()
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    #[test]
    fn a_filled_form_makes_a_valid_report_that_reads_back_the_same() {
        let draft = HardshipDraft {
            person_name: "王秀英".to_owned(),
            category: "other".to_owned(),
            other_text: "房屋漏雨".to_owned(),
            urgency: "urgent".to_owned(),
            description: "独居老人，屋顶漏雨无法居住".to_owned(),
            photos: vec![
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_owned(),
            ],
            place: "500231101201-G02".to_owned(),
            household: Uuid::from_u128(4).to_string(),
        };
        let report = draft
            .to_report(Uuid::nil(), &account(), now(), now())
            .unwrap();
        assert_eq!(report.urgency, HardshipUrgency::Urgent);
        assert!(report.may_start_temporary_aid());
        assert_eq!(report.photos.len(), 1);
        assert_eq!(HardshipDraft::from_report(&report), draft);
    }

    #[test]
    fn every_problem_is_listed_against_its_field() {
        let draft = HardshipDraft {
            person_name: "·王".to_owned(),
            category: "other".to_owned(),
            description: "   ".to_owned(),
            ..HardshipDraft::default()
        };
        let errors = draft
            .to_report(Uuid::nil(), &account(), now(), now())
            .unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["person_name", "category.text", "description"]);

        let draft = HardshipDraft {
            description: "火灾".to_owned(),
            photos: vec!["not a hash".to_owned()],
            ..HardshipDraft::default()
        };
        let errors = draft
            .to_report(Uuid::nil(), &account(), now(), now())
            .unwrap_err();
        assert_eq!(errors[0].path, "photos[0]");
        assert!(errors.iter().all(|e| !e.message.is_empty()));
    }

    #[test]
    fn every_code_round_trips() {
        for code in CATEGORIES {
            assert_eq!(category_code(&category(code, "x")), code);
        }
        for code in URGENCIES {
            assert_eq!(urgency_code(urgency(code)), code);
        }
    }

    #[test]
    fn a_broken_account_is_one_error_not_a_panic() {
        let mut a = account();
        a.user = "nobody".to_owned();
        let errors = HardshipDraft::default()
            .to_report(Uuid::nil(), &a, now(), now())
            .unwrap_err();
        assert_eq!(errors[0].path, "account");
    }

    #[test]
    fn an_urgent_report_on_a_household_starts_one_submitted_temporary_aid_case() {
        let draft = HardshipDraft {
            urgency: "urgent".to_owned(),
            description: "房屋失火，一家三口无处居住".to_owned(),
            household: Uuid::from_u128(4).to_string(),
            ..HardshipDraft::default()
        };
        let report = draft
            .to_report(Uuid::from_u128(8), &account(), now(), now())
            .unwrap();
        let helper = domain::workflow::Actor {
            user: UserId(Uuid::parse_str(&account().user).unwrap()),
            role: domain::role::Role::Helper,
        };
        let catalogue = Catalogue::builtin();
        let case = CaseId(Uuid::from_u128(9));
        let (plan, linked) = temporary_aid(&report, case, &helper, &catalogue, now()).unwrap();
        assert_eq!(linked.case, Some(case));
        let last = plan.last().unwrap();
        assert_eq!(
            last.case.channel(),
            domain::workflow::Channel::ProactiveDiscovery
        );
        assert_eq!(last.case.state(), domain::workflow::CaseState::Submitted);
        // Once started, never again; and never for a report without a household.
        assert!(temporary_aid(&linked, case, &helper, &catalogue, now()).is_err());
        let mut unknown = report.clone();
        unknown.household = None;
        assert!(temporary_aid(&unknown, case, &helper, &catalogue, now()).is_err());
        let mut calm = report;
        calm.urgency = HardshipUrgency::Normal;
        assert!(temporary_aid(&calm, case, &helper, &catalogue, now()).is_err());
    }
}
