//! The catalogue fixes of issue 19: legal bases, the added items, certificates departments
//! check themselves, and where every time limit comes from.

use super::*;
use crate::department::DepartmentCode;
use crate::jurisdiction::PlaceCode;

fn code(s: &str) -> AidItemCode {
    AidItemCode(s.to_owned())
}

#[test]
fn temporary_aid_rests_on_chapter_nine_of_decree_649() {
    let c = Catalogue::builtin();
    let basis = &c.item(&code("temporary")).unwrap().legal_basis;
    assert!(
        basis.contains("第649号") && basis.contains("第九章"),
        "{basis}"
    );
    assert!(!basis.contains("第十一章"), "{basis}");
}

#[test]
fn the_near_poverty_status_cites_its_own_sources_not_tongnan() {
    let c = Catalogue::builtin();
    let basis = &c.item(&code("dibao_edge")).unwrap().legal_basis;
    // Tongnan's plan (潼南府办发〔2019〕94号 三) does not list 低保边缘; 孟政发〔2023〕34号 四 does.
    assert!(!basis.contains("潼南"), "{basis}");
    assert!(basis.contains("孟政发〔2023〕34号"), "{basis}");
    assert!(basis.contains("低保边缘") || basis.contains("最低生活保障边缘"));
}

#[test]
fn students_of_dibao_families_and_other_hardship_have_items() {
    let c = Catalogue::builtin();
    let student = c.item(&code("temporary_dibao_student")).unwrap();
    assert_eq!(student.lead_department, DepartmentCode::civil_affairs());
    assert!(student.name_zh.contains("大学生"));
    let other = c.item(&code("other")).unwrap();
    assert_eq!(other.name_zh, "其他救助");
    // 救助部门不明确的，转给民政局办理 (乌海 二(二)三).
    assert_eq!(other.lead_department, DepartmentCode::civil_affairs());
    assert_eq!(c.items().len(), 16);
}

#[test]
fn certificates_the_departments_check_are_not_asked_of_applicants() {
    let c = Catalogue::builtin();
    for (item, material) in [
        ("disaster", "disaster_certificate"),
        ("registered_poor", "poverty_registration"),
        ("needy_worker", "worker_hardship_proof"),
    ] {
        let i = c.item(&code(item)).unwrap();
        assert!(
            i.materials.iter().all(|m| m.material.as_str() != material),
            "{item} still asks for {material}"
        );
        assert!(i.department_checks.iter().any(|m| m.as_str() == material));
    }
    let household = HouseholdFacts::default();
    let required = c.required_materials(&[code("disaster")], &household);
    assert!(
        required
            .iter()
            .all(|r| r.material.as_str() != "disaster_certificate")
    );
}

#[test]
fn every_time_limit_names_its_source_or_says_it_is_a_local_default() {
    let c = Catalogue::builtin();
    let place = PlaceCode::parse("500231").unwrap();
    for item in c.items() {
        let source = c.time_limit_source(&item.code, &place).unwrap();
        match &source {
            LimitSource::Policy(s) => assert!(s.contains('《'), "{}: {s}", item.code.as_str()),
            LimitSource::LocalDefault => assert_eq!(source.label_zh(), "本地默认时限，待确认"),
        }
    }
    let dibao = c.item(&code("dibao")).unwrap();
    assert!(
        matches!(&dibao.time_limit_source, LimitSource::Policy(s) if s.contains("民发〔2021〕57号"))
    );
    // An old catalogue without sources reads as local defaults.
    let mut data = c.data().clone();
    let json = serde_json::to_string(&data)
        .unwrap()
        .replace("\"time_limit_source\":\"local_default\",", "");
    let old = Catalogue::from_json(&json).unwrap();
    data.items.retain(|_| true);
    assert_eq!(old.items().len(), data.items.len());
}

#[test]
fn an_override_carries_its_regulation_as_the_source() {
    let mut data = Catalogue::builtin().data().clone();
    data.overrides.push(TimeLimitOverride {
        place_prefix: "50".to_owned(),
        item: code("temporary"),
        time_limit: TimeLimit {
            days: 10,
            extension_days: 5,
        },
        source: "渝民发〔2015〕24号".to_owned(),
    });
    let c = Catalogue::new(data).unwrap();
    let place = PlaceCode::parse("500231").unwrap();
    assert_eq!(
        c.time_limit_source(&code("temporary"), &place),
        Some(LimitSource::Policy("渝民发〔2015〕24号".to_owned()))
    );
}

#[test]
fn a_department_check_must_name_a_known_material() {
    let mut data = Catalogue::builtin().data().clone();
    data.items[0].department_checks = vec![MaterialCode("no_such".to_owned())];
    assert!(Catalogue::new(data).is_err());
}

#[test]
fn referral_kinds_include_seed_000_convenience_services() {
    assert_eq!(ReferralKind::ConvenienceService.name_zh(), "便民服务事项");
    assert_eq!(ReferralKind::default(), ReferralKind::OtherDepartment);
    let json = serde_json::to_string(&ReferralKind::ConvenienceService).unwrap();
    assert_eq!(json, "\"convenience_service\"");
}
