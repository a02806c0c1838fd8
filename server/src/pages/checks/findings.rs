//! The checks' findings as the page lists them: each with a stable key (for its follow-up
//! marks; made of record ids and codes, never an ID number), the townships it concerns, the
//! masked person or household, what is wrong, the cases to open, and who follows it up by
//! name: the case's 首问负责人 or else the township's window clerks; for a missing evaluation
//! the village's helpers (who ask residents for it), or the window when the village has none.

use chrono::NaiveDate;
use domain::catalogue::Catalogue;
use domain::checks::{self, CheckKind, Lapse};
use domain::identity::{mask_id_number, mask_name};
use domain::jurisdiction::PlaceCode;

use super::gather::{Gathered, village_staff};
use crate::pages::county::access::Reach;
use crate::pages::html::date_zh;

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Its check.
    pub kind: CheckKind,
    /// Its stable key, `check:ids`.
    pub key: String,
    /// The townships it concerns (codes), the first being where it is followed up.
    pub townships: Vec<String>,
    /// Its village, if one.
    pub village: Option<String>,
    /// The masked person, household or the village's name.
    pub subject: String,
    /// What is wrong.
    pub detail: String,
    /// The cases concerned.
    pub cases: Vec<String>,
    /// Who follows it up, by name.
    pub follower: String,
    /// The townships' names, joined.
    pub township_names: String,
    /// The village's name.
    pub village_name: String,
}

struct Ctx<'a> {
    g: &'a Gathered,
    catalogue: &'a Catalogue,
}

impl Ctx<'_> {
    fn item_name(&self, code: &str) -> String {
        self.catalogue
            .items()
            .iter()
            .find(|i| i.code.as_str() == code)
            .map_or_else(|| code.to_owned(), |i| i.name_zh.clone())
    }

    fn person(&self, name: &str, number: &str) -> String {
        format!("{} {}", mask_name(name), mask_id_number(number))
    }

    fn applicant(&self, household: &str) -> String {
        self.g
            .households
            .get(household)
            .and_then(|h| h.applicant.as_ref())
            .map_or_else(String::new, |(n, id)| self.person(n, id))
    }

    fn window(&self, township: &str) -> String {
        let names: Vec<&str> = self
            .g
            .staff
            .iter()
            .filter(|s| s.role == "window_clerk" && !township.is_empty())
            .filter(|s| s.place.starts_with(township))
            .map(|s| s.name.as_str())
            .collect();
        let place = self.g.place_names.get(township).map_or("", String::as_str);
        if names.is_empty() {
            format!("{place}窗口（未设受理员）")
        } else {
            format!("{place}窗口受理员：{}", names.join("、"))
        }
    }

    fn helpers(&self, village: &str, township: &str) -> String {
        let names: Vec<&str> = self
            .g
            .staff
            .iter()
            .filter(|s| s.role == "helper" && !village.is_empty())
            .filter(|s| s.place.starts_with(village))
            .map(|s| s.name.as_str())
            .collect();
        if names.is_empty() {
            self.window(township)
        } else {
            format!("帮办代办员：{}", names.join("、"))
        }
    }

    /// The case's 首问负责人, or its township's window.
    fn case_follower(&self, case: &str) -> String {
        let Some(c) = self.g.cases.get(case) else {
            return String::new();
        };
        let asker = c
            .first_asker
            .as_ref()
            .and_then(|id| self.g.staff.iter().find(|s| &s.id == id));
        match asker {
            Some(s) => format!("首问负责人：{}", s.name),
            None => self.window(c.township.as_deref().unwrap_or_default()),
        }
    }

    fn case_finding(&self, kind: CheckKind, key: String, case: &str, detail: String) -> Finding {
        let facts = self.g.cases.get(case);
        Finding {
            kind,
            key,
            townships: facts.and_then(|c| c.township.clone()).into_iter().collect(),
            village: facts.and_then(|c| c.village.clone()),
            subject: facts.map_or_else(String::new, |c| self.applicant(&c.household)),
            detail,
            cases: vec![case.to_owned()],
            follower: self.case_follower(case),
            township_names: String::new(),
            village_name: String::new(),
        }
    }
}

/// Every finding of the county, then narrowed to those concerning a township of `reach`.
pub fn findings(
    g: &Gathered,
    reach: &Reach,
    catalogue: &Catalogue,
    today: NaiveDate,
) -> Vec<Finding> {
    let ctx = Ctx { g, catalogue };
    let mut out = Vec::new();
    for d in checks::duplicate_ids(&g.listed) {
        let (household, member) = d.listings[0].clone();
        let name = g
            .households
            .get(&household)
            .and_then(|h| h.members.iter().find(|(m, _, _)| *m == member))
            .map_or("", |(_, n, _)| n.as_str());
        let places: Vec<&str> = d
            .townships
            .iter()
            .map(|t| g.place_names.get(t).map_or(t.as_str(), String::as_str))
            .collect();
        let township = d.townships.first().cloned().unwrap_or_default();
        out.push(Finding {
            kind: CheckKind::DuplicateId,
            key: format!("{}:{household}:{member}", CheckKind::DuplicateId.code()),
            townships: d.townships.clone(),
            village: None,
            subject: ctx.person(name, &d.id_number),
            detail: format!(
                "同一身份证号登记在 {} 个家庭（{}）",
                d.listings.len(),
                places.join("、")
            ),
            cases: Vec::new(),
            follower: ctx.window(&township),
            township_names: String::new(),
            village_name: String::new(),
        });
    }
    for e in checks::exclusive_aids(&g.grants) {
        let (a, b) = (&e.grants.0, &e.grants.1);
        let source = checks::EXCLUSIVE
            .iter()
            .find(|(x, y, _)| (*x, *y) == e.items)
            .map_or("", |(_, _, s)| s);
        let mut f = ctx.case_finding(
            CheckKind::ExclusiveAids,
            format!("{}:{}:{}", CheckKind::ExclusiveAids.code(), a.case, b.case),
            &a.case,
            format!(
                "同时获批{}和{}。依据：{source}",
                ctx.item_name(e.items.0),
                ctx.item_name(e.items.1)
            ),
        );
        if b.case != a.case {
            f.cases.push(b.case.clone());
        }
        if let Some(t) = g.cases.get(&b.case).and_then(|c| c.township.clone())
            && !f.townships.contains(&t)
        {
            f.townships.push(t);
        }
        out.push(f);
    }
    for o in checks::outside_item_rules(&g.grants, today) {
        out.push(ctx.case_finding(
            CheckKind::OutsideItemRule,
            format!(
                "{}:{}:{}",
                CheckKind::OutsideItemRule.code(),
                o.grant.case,
                o.grant.item
            ),
            &o.grant.case,
            format!(
                "获批{}，现年 {} 周岁{}。{}。依据：{}",
                ctx.item_name(&o.grant.item),
                o.age,
                if o.grant.disabled {
                    "，持残疾等级"
                } else {
                    "，无残疾等级"
                },
                o.rule.says_zh,
                o.rule.source
            ),
        ));
    }
    for l in checks::lapsed_authorizations(&g.open, &g.authorizations, today) {
        let detail = match l.lapse {
            Lapse::Revoked => "在办案件的家庭核对授权已撤回，无其他有效授权".to_owned(),
            Lapse::Expired(on) => format!(
                "在办案件的家庭核对授权已于{}到期，无其他有效授权",
                date_zh(on)
            ),
        };
        out.push(ctx.case_finding(
            CheckKind::LapsedAuthorization,
            format!("{}:{}", CheckKind::LapsedAuthorization.code(), l.case.case),
            &l.case.case,
            detail,
        ));
    }
    let villages: Vec<(PlaceCode, Option<i64>)> = reach
        .villages
        .iter()
        .map(|v| (v.code.clone(), v.population))
        .collect();
    for s in checks::short_of_helpers(&village_staff(&villages, &g.staff)) {
        let township = PlaceCode::parse(&s.village.village)
            .ok()
            .and_then(|p| p.township())
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default();
        out.push(Finding {
            kind: CheckKind::ShortOfHelpers,
            key: format!("{}:{}", CheckKind::ShortOfHelpers.code(), s.village.village),
            townships: vec![township.clone()],
            village: Some(s.village.village.clone()),
            subject: g
                .place_names
                .get(&s.village.village)
                .cloned()
                .unwrap_or_default(),
            detail: format!(
                "实有人口 {}，应配 {} 名，现有 {} 名（每村至少 1 名，1000 人以上至少 2 名）",
                s.village
                    .population
                    .map_or_else(|| "未登记".to_owned(), |p| p.to_string()),
                s.required,
                s.village.helpers
            ),
            cases: Vec::new(),
            follower: ctx.window(&township),
            township_names: String::new(),
            village_name: String::new(),
        });
    }
    for u in checks::unevaluated(&g.told, today) {
        let case = &u.told.case;
        let mut f = ctx.case_finding(
            CheckKind::NoEvaluation,
            format!("{}:{case}", CheckKind::NoEvaluation.code()),
            case,
            format!(
                "{}告知结果，已 {} 日未评价",
                date_zh(u.told.told_on),
                u.days
            ),
        );
        let township = f.townships.first().cloned().unwrap_or_default();
        f.follower = ctx.helpers(f.village.as_deref().unwrap_or_default(), &township);
        out.push(f);
    }
    out.retain(|f| {
        f.townships
            .iter()
            .filter_map(|t| PlaceCode::parse(t).ok())
            .any(|t| reach.covers(&t))
    });
    let name = |code: &str| g.place_names.get(code).cloned().unwrap_or_default();
    for f in &mut out {
        f.township_names = f
            .townships
            .iter()
            .map(|t| name(t))
            .collect::<Vec<_>>()
            .join("、");
        f.village_name = f.village.as_deref().map(name).unwrap_or_default();
    }
    out.sort_by(|a, b| (a.kind, &a.townships, &a.key).cmp(&(b.kind, &b.townships, &b.key)));
    out
}
