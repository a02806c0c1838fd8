//! Text messages to the applicant and their helper when a case moves: queued with the command
//! that calls for them (a replay queues nothing more), sent once by the sender, failures tried
//! again and given up after the last attempt, numbers masked wherever they are shown.

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{Duration, Utc};
use domain::identity::MobilePhone;
use domain::workflow::Command;
use server::auth::sms::SmsSender;
use server::notify::{SendReport, send::MAX_ATTEMPTS, send_due};

use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

const APPLICANT: &str = "13912345678";
const HELPER: &str = "13987654321";

/// Keeps what it was asked to send; fails while `failing`.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<(String, String)>>,
    failing: bool,
}

#[async_trait]
impl SmsSender for Recorder {
    async fn send(&self, phone: &str, text: &str) -> anyhow::Result<()> {
        if self.failing {
            anyhow::bail!("gateway down for {phone}");
        }
        self.sent
            .lock()
            .unwrap()
            .push((phone.to_owned(), text.to_owned()));
        Ok(())
    }
}

async fn queued(db: &server::db::Db) -> Vec<(String, String, String, i64)> {
    sqlx::query_as(
        "SELECT audience, kind, phone, attempts FROM notifications ORDER BY audience, kind",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn the_one_notice_reaches_applicant_and_helper_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    sqlx::query("UPDATE users SET phone = $1 WHERE username = 'helper'")
        .bind(HELPER)
        .execute(db.pool())
        .await
        .unwrap();
    let mut intake = intake(&helper);
    intake.household.members[0].phone = Some(MobilePhone::parse(APPLICANT).unwrap());
    intake.materials = without(intake.materials, "hukou");
    assert!(
        send(db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    // Submitting tells nobody: nothing has been decided.
    assert!(queued(db).await.is_empty());
    let notice = command(
        intake.case,
        3,
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![],
        },
    );
    assert_eq!(applied(&send(db, &clerk, vec![notice.clone()]).await[0]), 4);
    // The phone sends it again (its answer was lost): the stored answer, nothing queued twice.
    assert_eq!(applied(&send(db, &clerk, vec![notice]).await[0]), 4);
    assert_eq!(
        queued(db).await,
        [
            ("applicant".into(), "supplement".into(), APPLICANT.into(), 0),
            ("helper".into(), "supplement".into(), HELPER.into(), 0),
        ]
    );
    let recorder = Recorder::default();
    let report = send_due(db, &recorder, Utc::now()).await.unwrap();
    assert_eq!(report, SendReport { sent: 2, failed: 0 });
    assert_eq!(
        send_due(db, &recorder, Utc::now() + Duration::hours(1))
            .await
            .unwrap(),
        SendReport::default(),
        "a sent message is not sent again"
    );
    let sent = recorder.sent.lock().unwrap().clone();
    let to_applicant = &sent.iter().find(|(p, _)| p == APPLICANT).unwrap().1;
    assert!(to_applicant.contains("户口簿"), "{to_applicant}");
    assert!(
        to_applicant.contains(&intake.case.number()),
        "{to_applicant}"
    );
    let to_helper = &sent.iter().find(|(p, _)| p == HELPER).unwrap().1;
    assert!(to_helper.contains("您帮办的救助申请"), "{to_helper}");
    // The case's list shows them sent, numbers masked.
    let mut conn = db.pool().acquire().await.unwrap();
    let listed = server::notify::queue::of_case(&mut conn, intake.case)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|n| n.sent_at.is_some()));
    assert!(
        listed
            .iter()
            .all(|n| !n.phone_masked.contains("12345678") && !n.phone_masked.contains("87654321"))
    );
    // Over HTTP: the window sees both; someone who may not see the case gets a 404.
    let path = format!("/api/sync/v1/cases/{}/messages", intake.case.0);
    let clerk_http = app.sign_in("clerk").await;
    let answer = clerk_http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: Vec<server::notify::Notification> = answer.json().await.unwrap();
    assert_eq!(body, listed);
    let stranger = app.sign_in("officer").await;
    let answer = stranger.get(app.url(&path)).send().await.unwrap();
    assert_eq!(answer.status(), 404);
}

async fn a_failing_gateway_is_tried_again_then_given_up(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let mut intake = intake(&helper);
    intake.household.members[0].phone = Some(MobilePhone::parse(APPLICANT).unwrap());
    assert!(
        send(db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let accept = command(intake.case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, &clerk, vec![accept]).await[0]), 4);
    // The demo helper has no phone: only the applicant hears of the acceptance.
    assert_eq!(
        queued(db).await,
        [("applicant".into(), "accepted".into(), APPLICANT.into(), 0)]
    );
    let down = Recorder {
        failing: true,
        ..Recorder::default()
    };
    let mut now = Utc::now();
    for attempt in 1..=MAX_ATTEMPTS {
        let report = send_due(db, &down, now).await.unwrap();
        assert_eq!(
            report,
            SendReport { sent: 0, failed: 1 },
            "attempt {attempt}"
        );
        // Not due again at once: the pause grows.
        assert_eq!(
            send_due(db, &down, now).await.unwrap(),
            SendReport::default()
        );
        now += Duration::days(1);
    }
    let (failed_at, error): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT failed_at, last_error FROM notifications")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert!(failed_at.is_some());
    let error = error.unwrap();
    assert!(!error.contains(APPLICANT), "the number is masked: {error}");
    // Given up: a working gateway later does not send it.
    let up = Recorder::default();
    assert_eq!(send_due(db, &up, now).await.unwrap(), SendReport::default());
}

crate::backend_tests!(
    the_one_notice_reaches_applicant_and_helper_once,
    a_failing_gateway_is_tried_again_then_given_up
);
