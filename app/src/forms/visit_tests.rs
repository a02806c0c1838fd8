use chrono::{DateTime, FixedOffset, Utc};
use domain::fieldwork::{Answer, ChecklistQuestion, Location, VisitKind};
use uuid::Uuid;

use super::*;

const HOUSEHOLD: &str = "01890a5d-ac96-774b-bcce-b302099a0001";
const PHOTO: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SIGNATURE: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

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

fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).unwrap()
}

fn filled() -> VisitDraft {
    let mut d = VisitDraft::new(now(), china());
    d.household = HOUSEHOLD.to_owned();
    d.kind = VisitKind::Routine;
    d.notes = "老人独居，屋顶漏雨".to_owned();
    for q in ChecklistQuestion::ALL {
        d.set_answer(q, Answer::Yes);
    }
    d.set_answer(
        ChecklistQuestion::IncomeSourcesConfirmed,
        Answer::NotApplicable,
    );
    d.photos = vec![PHOTO.to_owned()];
    d.signature = Some(SIGNATURE.to_owned());
    d
}

#[test]
fn a_new_form_starts_now_in_the_phones_zone() {
    let d = VisitDraft::new(now(), china());
    // 1_780_000_000 s is 2026-05-28 20:26:40 UTC, 04:26 the next day in China.
    assert_eq!(d.at, "2026-05-29T04:26");
    assert_eq!(
        parse_local(&d.at, china()),
        Some(now() - chrono::TimeDelta::seconds(40))
    );
    assert_eq!(parse_local("2026-05-29T04:26:40", china()), Some(now()));
    assert_eq!(parse_local("yesterday", china()), None);
}

#[test]
fn a_filled_form_makes_a_valid_visit_that_reads_back_the_same() {
    let draft = filled();
    let visit = draft
        .to_visit(Uuid::nil(), &account(), china(), now())
        .unwrap();
    assert_eq!(visit.kind, VisitKind::Routine);
    assert_eq!(visit.checklist.len(), 5);
    assert_eq!(
        visit.answer(ChecklistQuestion::IncomeSourcesConfirmed),
        Some(Answer::NotApplicable)
    );
    // The signature travels among the attachments, after the photos.
    let hashes: Vec<&str> = visit.photos.iter().map(|p| p.as_str()).collect();
    assert_eq!(hashes, [PHOTO, SIGNATURE]);
    assert_eq!(VisitDraft::from_visit(&visit, china(), Some(SIGNATURE)), {
        let mut d = draft.clone();
        // Answers come back in question order.
        d.answers = visit.checklist.clone();
        d
    });
}

#[test]
fn every_problem_is_listed_against_its_field() {
    let mut d = VisitDraft::new(now(), china());
    d.notes = "  ".to_owned();
    d.set_answer(ChecklistQuestion::MembersPresent, Answer::No);
    let errors = d
        .to_visit(Uuid::nil(), &account(), china(), now())
        .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    // Without a household the domain's checks cannot run yet.
    assert_eq!(paths, ["household"]);

    d.household = HOUSEHOLD.to_owned();
    d.at = "2030-01-01T08:00".to_owned();
    d.photos = vec![PHOTO.to_owned(), PHOTO.to_owned(), "nope".to_owned()];
    let errors = d
        .to_visit(Uuid::nil(), &account(), china(), now())
        .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "photos[2]",
            "at",
            "notes",
            "checklist.living_conditions_seen",
            "checklist.income_sources_confirmed",
            "checklist.housing_condition",
            "checklist.needs_expressed",
            "photos[1]",
        ]
    );
    assert!(errors.iter().all(|e| !e.message.is_empty()));
}

#[test]
fn a_location_needs_consent_and_goes_when_consent_does() {
    let mut d = filled();
    d.set_consent(true);
    d.location = Some(Location::from_degrees(30.33, 107.35));
    let visit = d.to_visit(Uuid::nil(), &account(), china(), now()).unwrap();
    assert_eq!(visit.location, d.location);
    d.set_consent(false);
    assert_eq!(d.location, None);
    // A location left in a draft without consent is never sent.
    d.location = Some(Location::from_degrees(30.33, 107.35));
    let visit = d.to_visit(Uuid::nil(), &account(), china(), now()).unwrap();
    assert_eq!(visit.location, None);
}

#[test]
fn answering_again_replaces_the_answer() {
    let mut d = filled();
    d.set_answer(ChecklistQuestion::MembersPresent, Answer::No);
    assert_eq!(
        d.answer(ChecklistQuestion::MembersPresent),
        Some(Answer::No)
    );
    assert_eq!(d.answers.len(), 5);
}

#[test]
fn households_show_the_applicant_masked_and_visits_a_short_heading() {
    let h: HouseholdChoice = serde_json::from_value(serde_json::json!({
        "id": HOUSEHOLD,
        "address": "毛家村3组12号",
        "members": [
            {"name": "王小明", "relation": "child", "id_number": "ignored"},
            {"name": "王秀英", "relation": "applicant"}
        ],
        "income": []
    }))
    .unwrap();
    assert_eq!(h.label(), "毛家村3组12号 · 王*英");
    let heading: VisitHeading = serde_json::from_value(serde_json::json!({
        "kind": "home_survey", "at": "2026-05-28T20:26:40Z", "notes": "x"
    }))
    .unwrap();
    assert_eq!(heading.title_zh(china()), "入户调查 · 05-29 04:26");
}

#[test]
fn a_draft_survives_json() {
    let d = filled();
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<VisitDraft>(&json).unwrap(), d);
}
