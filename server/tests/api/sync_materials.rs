//! The materials checklist (材料清单) over sync: the helper's whole intake in one push, the
//! checklist checked against what the case needs and kept where the case lies, and a remote
//! entrustment signed before its case goes to the window.

use domain::fieldwork::MaterialStatus;
use domain::sync::{Outcome, RecordKind, RejectCode};
use domain::workflow::Command;
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

async fn the_whole_intake_arrives_in_one_push_exactly_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let intake = intake(&helper);
    let ops = intake.ops();
    let first = send(db, &helper, ops.clone()).await;
    let versions: Vec<i64> = first.iter().map(applied).collect();
    // Household 1; case 1, 2 (items), 3 (submitted); checklist 1; entrustment 1.
    assert_eq!(versions, [1, 1, 2, 1, 1, 3]);
    // The answers were lost; the phone sends the same push again.
    assert_eq!(send(db, &helper, ops).await, first);
    for (kind, n) in [
        ("household", 1),
        ("case", 1),
        ("materials", 1),
        ("entrustment", 1),
    ] {
        let (found,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM records WHERE kind = $1 AND place_code = $2 \
             AND (id = $3 OR id = $4 OR id = $5)",
        )
        .bind(kind)
        .bind(GRID)
        .bind(intake.household.id.0.to_string())
        .bind(intake.case.0.to_string())
        .bind(intake.entrustment.id.0.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(found, n, "{kind}");
    }
    let case = case_of(db, intake.case.0).await;
    assert_eq!(case.case.state(), domain::workflow::CaseState::Submitted);
    // The township and the helper's phone both get the checklist.
    assert!(
        pulled(db, &clerk, RecordKind::Materials)
            .await
            .contains(&intake.case.0)
    );
    assert!(
        pulled(db, &helper, RecordKind::Materials)
            .await
            .contains(&intake.case.0)
    );
}

async fn a_checklist_with_problems_is_refused_with_every_problem(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let intake = intake(&helper);
    // Household, case and items first; the checklist on its own.
    let answer = send(db, &helper, intake.ops()[..3].to_vec()).await;
    assert!(answer.iter().all(|o| applied(o) > 0));
    let mut bad = intake.materials.clone();
    let hukou = bad
        .entries
        .iter()
        .position(|e| e.material.as_str() == "hukou")
        .unwrap();
    bad.entries.remove(hukou);
    let first_photo = match &bad.entries[0].status {
        MaterialStatus::Photographed { photos } => photos[0].clone(),
        other => panic!("{other:?}"),
    };
    bad.entries[1].status = MaterialStatus::Photographed {
        photos: vec![first_photo],
    };
    bad.entries[2].status = MaterialStatus::Signed {
        signature: sha(4242),
    };
    let answer = send(
        db,
        &helper,
        vec![save(RecordKind::Materials, intake.case.0, None, &bad)],
    )
    .await;
    let (code, message) = refused(&answer[0]);
    assert_eq!(code, RejectCode::Invalid);
    assert_eq!(message.split('；').count(), 3, "{message}");
    assert!(message.contains("户口簿"), "{message}");
    assert!(message.contains("已用于第1项材料"), "{message}");
    assert!(
        message.contains("只有核对授权书可以在屏幕上签名"),
        "{message}"
    );
    // Another household's checklist for this case.
    let mut elsewhere_home = intake.materials.clone();
    elsewhere_home.household = domain::ids::HouseholdId(Uuid::now_v7());
    let answer = send(
        db,
        &helper,
        vec![save(
            RecordKind::Materials,
            intake.case.0,
            None,
            &elsewhere_home,
        )],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);

    // Another village's helper is told the case does not exist, before and after it has a
    // checklist, and cannot replace it either.
    let stranger = elsewhere(&helper, "500231101202");
    let mut theirs = intake.materials.clone();
    theirs.collected_by = stranger.user;
    let stranger_save = || save(RecordKind::Materials, intake.case.0, None, &theirs);
    assert_eq!(
        refused(&send(db, &stranger, vec![stranger_save()]).await[0]).0,
        RejectCode::NotFound
    );
    let answer = send(
        db,
        &helper,
        vec![save(
            RecordKind::Materials,
            intake.case.0,
            None,
            &intake.materials,
        )],
    )
    .await;
    assert_eq!(applied(&answer[0]), 1);
    let replace = save(RecordKind::Materials, intake.case.0, Some(1), &theirs);
    let answer = send(db, &stranger, vec![stranger_save(), replace]).await;
    assert!(
        answer.iter().all(|o| refused(o).0 == RejectCode::NotFound),
        "{answer:?}"
    );
    // A replacement keeps its author.
    let answer = send(
        db,
        &helper,
        vec![save(RecordKind::Materials, intake.case.0, Some(1), &theirs)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);
}
async fn a_remote_entrustment_is_signed_before_the_case_is_submitted(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let mut intake = intake(&helper);
    intake.entrustment.channel = domain::fieldwork::EntrustmentChannel::Phone;
    intake.entrustment.signature = None;
    let answer = send(db, &helper, intake.ops()).await;
    assert!(answer[..5].iter().all(|o| applied(o) > 0), "{answer:?}");
    let (code, message) = refused(&answer[5]);
    assert_eq!(code, RejectCode::Invalid);
    assert!(message.contains("签名"), "{message}");
    // Signed on the next visit: now it goes to the window.
    let mut signed = intake.entrustment.clone();
    signed.signature = Some(sha(7));
    let answer = send(
        db,
        &helper,
        vec![
            save(RecordKind::Entrustment, signed.id.0, Some(1), &signed),
            command(intake.case, 2, Command::Submit),
        ],
    )
    .await;
    assert!(
        matches!(answer[1], Outcome::Applied { version: 3, .. }),
        "{answer:?}"
    );
}
crate::backend_tests!(
    the_whole_intake_arrives_in_one_push_exactly_once,
    a_checklist_with_problems_is_refused_with_every_problem,
    a_remote_entrustment_is_signed_before_the_case_is_submitted,
);
