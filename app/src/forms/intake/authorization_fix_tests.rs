//! The fix of a refused package: what the phone learned the server accepts is checked
//! before saving, and each refused problem stays at its member's line until that member's
//! consent changes.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::authorization::{AuthorizationError as E, IdentityCheck, Signatory};
use domain::household::{Employment, Health, Member, Relation};
use domain::identity::{IdNumber, PersonName};
use domain::ids::{HouseholdId, MemberId, UserId};
use domain::jurisdiction::PlaceCode;

use super::*;
use crate::forms::intake::authorization::{AuthorizationDraft, Coverage, check, coverage, plan};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn helper() -> UserId {
    UserId(Uuid::from_u128(10))
}

fn member(n: u128) -> MemberId {
    MemberId(Uuid::from_u128(n))
}

fn person(n: u128, name: &str, id: &str, relation: Relation) -> Member {
    Member {
        id: member(n),
        name: PersonName::parse(name).unwrap(),
        id_number: IdNumber::parse(id, day()).unwrap(),
        relation,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Farming,
        phone: None,
    }
}

/// 王秀英 and her granddaughter of 11, whom she signs for.
fn household() -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(9)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![
            person(1, "王秀英", "500231195803124020", Relation::Applicant),
            person(4, "李小雨", "500231201509014021", Relation::Grandchild),
        ],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

/// Both lines signed in person, the child through her grandmother.
fn signed_draft(h: &Household) -> AuthorizationDraft {
    let mut d = AuthorizationDraft::default();
    d.refresh(&coverage(h, &[], day()).signers(h), || Uuid::from_u128(42));
    for (i, s) in d.signers.iter_mut().enumerate() {
        s.image = Some(format!("{:064x}", 100 + i));
        s.id_card_photo = Some(format!("{:064x}", 200 + i));
        if s.member == member(4).to_string() {
            s.guardian = member(1).to_string();
            s.guardian_relation = "祖母".to_owned();
        }
    }
    d
}

fn in_person_forbidden() -> Accepted {
    Accepted {
        identity_methods: vec![IdentityMethod::OneTimeCode],
        ..Accepted::default()
    }
}

#[test]
fn the_installations_methods_and_versions_are_checked_offline() {
    let h = household();
    let d = signed_draft(&h);
    let r = d
        .package(&h, &Coverage::New, helper(), &Accepted::default(), now())
        .unwrap();
    assert!(check(&r, &h, None, &Accepted::default(), now()).is_empty());
    // Learned since: the installation allows only the one-time code.
    assert_eq!(
        check(&r, &h, None, &in_person_forbidden(), now()),
        vec![
            E::MethodNotAllowed { member: member(1) },
            E::MethodNotAllowed { member: member(4) }
        ]
    );
    let found = plan(&d, &h, &[], helper(), &in_person_forbidden(), now()).unwrap_err();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|e| e.path.starts_with("authorization.")));
    // A version the server does not know (it loaded another text and dropped nothing, but
    // this phone signed under one it never had).
    let mut old = r.clone();
    old.text_version = "1999-1".to_owned();
    assert_eq!(
        check(&old, &h, None, &Accepted::default(), now()).first(),
        Some(&E::UnknownTextVersion)
    );
}

#[test]
fn a_new_text_in_force_is_signed_under() {
    let h = household();
    let mut text = domain::authorization::AuthorizationText::builtin();
    text.version = "2027-1".to_owned();
    text.title_zh.push_str("（2027年版）");
    let accepted = Accepted {
        versions: vec![
            domain::authorization::AuthorizationText::builtin().version,
            text.version.clone(),
        ],
        text: text.clone(),
        ..Accepted::default()
    };
    let r = signed_draft(&h)
        .package(&h, &Coverage::New, helper(), &accepted, now())
        .unwrap();
    assert_eq!(r.text_version, "2027-1");
    assert_eq!(r.text_sha256, text.sha256());
    assert!(check(&r, &h, None, &accepted, now()).is_empty());
}

#[test]
fn refused_problems_read_from_the_answer_in_both_languages() {
    let answer = serde_json::json!([
        { "code": "method_not_allowed", "member": member(1).to_string() },
        { "code": "unknown_text_version" },
        { "code": "something_newer", "member": member(4).to_string() }
    ]);
    let problems: Vec<RefusedProblem> = serde_json::from_value(answer).unwrap();
    assert_eq!(
        problems[0].known(),
        Some(E::MethodNotAllowed { member: member(1) })
    );
    assert_eq!(problems[1].known(), Some(E::UnknownTextVersion));
    assert_eq!(problems[2].known(), None);
    assert_eq!(problems[0].message(false), "本地不允许该身份核验方式");
    assert_eq!(
        problems[0].message(true),
        "This identity method is not allowed here"
    );
    assert!(problems[2].message(false).contains("something_newer"));

    let h = household();
    let sent = signed_draft(&h)
        .package(&h, &Coverage::New, helper(), &Accepted::default(), now())
        .unwrap();
    let lines = problem_lines(&sent, Some(&h), &problems, false);
    assert_eq!(lines[0].0.as_deref(), Some("王*英"));
    assert_eq!(lines[1].0, None, "the whole package");
    assert_eq!(lines[2].0.as_deref(), Some("李*雨"));
    // A member the package left out is named from the household, masked.
    let mut left_out = sent.clone();
    left_out.members.pop();
    let gone = [RefusedProblem {
        code: "member_not_covered".to_owned(),
        member: Some(member(4).to_string()),
    }];
    assert_eq!(
        problem_lines(&left_out, Some(&h), &gone, true)[0],
        (
            Some("李*雨".to_owned()),
            "A member of the household is not covered".to_owned()
        )
    );
}

#[test]
fn a_problem_stands_until_its_members_consent_changes() {
    let h = household();
    let mut d = signed_draft(&h);
    let sent = d
        .package(&h, &Coverage::New, helper(), &Accepted::default(), now())
        .unwrap();
    let problems = vec![
        RefusedProblem {
            code: "method_not_allowed".to_owned(),
            member: Some(member(1).to_string()),
        },
        RefusedProblem {
            code: "method_not_allowed".to_owned(),
            member: Some(member(4).to_string()),
        },
        RefusedProblem {
            code: "unknown_text_version".to_owned(),
            member: None,
        },
    ];
    // Reopened later (another time of day): nothing changed, everything still stands.
    let later = now() + chrono::TimeDelta::minutes(30);
    let same = d
        .package(&h, &Coverage::New, helper(), &Accepted::default(), later)
        .unwrap();
    assert_eq!(still_refused(&sent, &problems, &same), problems);

    // The grandmother's identity confirmed by a code instead: her line is fixed, the child's
    // (a consent of its own) still stands, and so does the text.
    d.signers[0].code_check = Some(crate::forms::intake::authorization::CodeCheck {
        recipient: member(1).to_string(),
        phone_masked: "138****0001".to_owned(),
        proof: "proof".to_owned(),
        confirmed_at: now(),
    });
    let fixed = d
        .package(&h, &Coverage::New, helper(), &Accepted::default(), later)
        .unwrap();
    assert!(matches!(
        fixed.signatures[0].identity,
        IdentityCheck::OneTimeCode { .. }
    ));
    assert_eq!(
        still_refused(&sent, &problems, &fixed),
        problems[1..].to_vec()
    );

    // Signed again by another hand (a guardian named anew): the child's line is fixed too;
    // taking the text in force fixes the package's own problem.
    let mut text = domain::authorization::AuthorizationText::builtin();
    text.version = "2027-1".to_owned();
    let accepted = Accepted {
        versions: vec![text.version.clone()],
        text,
        ..Accepted::default()
    };
    d.signers[1].image = Some(format!("{:064x}", 900));
    let all = d
        .package(&h, &Coverage::New, helper(), &accepted, later)
        .unwrap();
    assert!(matches!(all.signatures[1].by, Signatory::Guardian { .. }));
    assert!(still_refused(&sent, &problems, &all).is_empty());
}

#[test]
fn settings_read_as_the_server_answers_them() {
    let text = domain::authorization::AuthorizationText::builtin();
    let mut body = serde_json::to_value(&text).unwrap();
    body["sha256"] = serde_json::Value::from(text.sha256());
    let answer = serde_json::json!({
        "text": body,
        "versions": [text.version],
        "identity_methods": ["one_time_code"]
    });
    let a: Accepted = serde_json::from_value(answer).unwrap();
    assert_eq!(a.text, text);
    assert!(a.knows(&text.version) && !a.knows("1999-1"));
    assert!(a.allows(IdentityMethod::OneTimeCode) && !a.allows(IdentityMethod::InPerson));
}

#[test]
fn a_member_whose_data_changed_since_signing_signs_again_the_others_keep_theirs() {
    let mut h = household();
    let mut d = signed_draft(&h);
    // Signed on the screen under the data of the moment.
    for s in &mut d.signers {
        let m = MemberId(Uuid::parse_str(&s.member).unwrap());
        s.signed_for = crate::forms::intake::signer::member_fingerprint(&h, m);
    }
    let accepted = Accepted::default();
    let r = d
        .package(&h, &Coverage::New, helper(), &accepted, now())
        .unwrap();
    assert!(check(&r, &h, None, &accepted, now()).is_empty());
    // The township corrected the granddaughter's ID number: refused for her data.
    let refused = vec![RefusedProblem {
        code: "member_data_differs".to_owned(),
        member: Some(member(4).to_string()),
    }];
    assert!(refused[0].known().is_some());
    h.members[1].id_number = IdNumber::parse("500231201509024027", day()).unwrap();
    let again = d
        .package(&h, &Coverage::New, helper(), &accepted, now())
        .unwrap();
    // Her (guardian's) signature no longer counts; her grandmother's does.
    assert_eq!(
        check(&again, &h, None, &accepted, now()),
        vec![E::SignatureMissing { member: member(4) }]
    );
    assert!(d.signers[1].signed_for_other_data(&h, member(4)));
    assert!(!d.signers[0].signed_for_other_data(&h, member(1)));
    // The refusal gives way to what the phone now asks for, at the same line.
    assert!(still_refused(&r, &refused, &again).is_empty());
    // Signed again under the data as it now is: complete.
    d.signers[1].image = Some(format!("{:064x}", 300));
    d.signers[1].signed_for = crate::forms::intake::signer::member_fingerprint(&h, member(4));
    let fixed = d
        .package(&h, &Coverage::New, helper(), &accepted, now())
        .unwrap();
    assert!(check(&fixed, &h, None, &accepted, now()).is_empty());
    // A draft kept before signatures recorded their data still counts as it was.
    let mut old = signed_draft(&h);
    old.signers.iter_mut().for_each(|s| s.signed_for = None);
    let kept = old
        .package(&h, &Coverage::New, helper(), &accepted, now())
        .unwrap();
    assert!(check(&kept, &h, None, &accepted, now()).is_empty());
}
