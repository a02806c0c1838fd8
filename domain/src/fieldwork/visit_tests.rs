use chrono::TimeDelta;

use super::test_support::*;
use super::*;

#[test]
fn a_complete_visit_is_valid_and_round_trips() {
    let v = visit(1);
    assert_eq!(v.validate(now()), Ok(()));
    assert_eq!(
        v.answer(ChecklistQuestion::MembersPresent),
        Some(Answer::Yes)
    );
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["kind"], "routine");
    assert_eq!(json["checklist"][0]["question"], "living_conditions_seen");
    assert_eq!(serde_json::from_value::<Visit>(json).unwrap(), v);
}

#[test]
fn notes_are_required_and_bounded() {
    let mut v = visit(1);
    v.notes = "  \n".to_owned();
    let errors = v.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [FieldworkError::Required {
            field: Field::Notes
        }]
    );
    assert_eq!(errors[0].path(), "notes");
    assert_eq!(errors[0].message_zh(), "请填写走访情况");
    v.notes = "记".repeat(MAX_NOTES_CHARS as usize);
    assert_eq!(v.validate(now()), Ok(()));
    v.notes.push('。');
    assert_eq!(
        v.validate(now()),
        Err(vec![FieldworkError::TooLong {
            field: Field::Notes,
            max: MAX_NOTES_CHARS,
            found: MAX_NOTES_CHARS + 1
        }])
    );
}

#[test]
fn every_question_is_answered_exactly_once() {
    let mut v = visit(1);
    v.checklist
        .retain(|a| a.question != ChecklistQuestion::NeedsExpressed);
    v.checklist.push(ChecklistAnswer {
        question: ChecklistQuestion::HousingCondition,
        answer: Answer::NotApplicable,
    });
    let errors = v.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::AnsweredTwice {
                question: ChecklistQuestion::HousingCondition
            },
            FieldworkError::Unanswered {
                question: ChecklistQuestion::NeedsExpressed
            },
        ]
    );
    assert_eq!(errors[0].path(), "checklist.housing_condition");
    assert_eq!(errors[1].path(), "checklist.needs_expressed");
    assert_eq!(errors[1].message_zh(), "请回答“居民是否提出救助需求”");
    let all_no = ChecklistQuestion::ALL.map(|q| ChecklistAnswer {
        question: q,
        answer: Answer::No,
    });
    v.checklist = all_no.to_vec();
    assert_eq!(v.validate(now()), Ok(()));
    assert!(
        [Answer::Yes, Answer::No, Answer::NotApplicable]
            .iter()
            .all(|a| !a.name_zh().is_empty())
    );
}

#[test]
fn photos_are_bounded_and_unique() {
    let mut v = visit(1);
    v.photos = (0..MAX_PHOTOS as u32 + 1).map(sha).collect();
    v.photos.push(sha(0));
    let errors = v.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::TooManyPhotos {
                max: MAX_PHOTOS,
                found: MAX_PHOTOS + 2
            },
            FieldworkError::DuplicatePhoto {
                index: MAX_PHOTOS + 1
            },
        ]
    );
    assert_eq!(errors[0].path(), "photos");
    assert_eq!(errors[1].path(), "photos[21]");
}

#[test]
fn a_location_needs_consent_and_a_place_on_earth() {
    let mut v = visit(1);
    v.location = Some(Location::from_degrees(30.327_51, 107.348_8));
    assert_eq!(
        v.validate(now()),
        Err(vec![FieldworkError::LocationWithoutConsent])
    );
    assert_eq!(FieldworkError::LocationWithoutConsent.path(), "location");
    v.location_consent = true;
    assert_eq!(v.validate(now()), Ok(()));
    let place = v.location.unwrap();
    assert_eq!(place.latitude_e6, 30_327_510);
    assert!((place.longitude() - 107.3488).abs() < 1e-9);
    assert!((place.latitude() - 30.32751).abs() < 1e-9);

    v.location = Some(Location {
        latitude_e6: MAX_LATITUDE_E6 + 1,
        longitude_e6: -MAX_LONGITUDE_E6 - 1,
    });
    let errors = v.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::LatitudeOutOfRange {
                value: MAX_LATITUDE_E6 + 1
            },
            FieldworkError::LongitudeOutOfRange {
                value: -MAX_LONGITUDE_E6 - 1
            },
        ]
    );
    assert_eq!(errors[0].path(), "location.latitude_e6");
    assert_eq!(errors[1].path(), "location.longitude_e6");
    v.location = Some(Location {
        latitude_e6: i64::MIN,
        longitude_e6: MAX_LONGITUDE_E6,
    });
    assert_eq!(v.validate(now()).unwrap_err().len(), 1, "no overflow");
    assert_eq!(
        Location::from_degrees(f64::NAN, f64::INFINITY),
        Location {
            latitude_e6: 0,
            longitude_e6: 0
        }
    );
}

#[test]
fn a_visit_cannot_be_in_the_future() {
    let mut v = visit(1);
    v.at = now() + TimeDelta::days(1);
    v.kind = VisitKind::HomeSurvey;
    let errors = v.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [FieldworkError::InFuture {
            field: Field::VisitAt
        }]
    );
    assert_eq!(errors[0].path(), "at");
    assert_eq!(errors[0].message_zh(), "走访时间不能晚于当前时间");
    assert_eq!(VisitKind::HomeSurvey.name_zh(), "入户调查");
}
