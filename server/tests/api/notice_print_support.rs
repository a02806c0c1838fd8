//! What the printed-notice tests share (`notice_print.rs`, `notice_print_ledger.rs`): a page
//! fetch, a demo case by its content, the audit count of a print, and a case brought to the
//! step a notice needs.

use domain::department::DepartmentCode;
use domain::ids::CaseId;
use domain::jurisdiction::Actor;
use domain::sync::{OpBody, Operation};
use domain::workflow::{Command, Routing};
use server::db::Db;

use crate::helpers::TestApp;
use crate::materials_support::*;
use crate::sync_support::*;

pub(crate) async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The id of the demo case whose stored body contains every one of `with` and none of
/// `without`.
pub(crate) async fn demo_case(app: &TestApp, with: &[&str], without: &[&str]) -> String {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .find(|(_, b)| with.iter().all(|w| b.contains(w)) && !without.iter().any(|w| b.contains(w)))
        .map(|(id, _)| id)
        .expect("the demo has such a case")
}

pub(crate) async fn audited(app: &TestApp, action: &str, id: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND record_id = $2")
            .bind(action)
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

/// A workflow command with a written reason.
pub(crate) fn with_reason(
    case: CaseId,
    base_version: i64,
    command: Command,
    reason: &str,
) -> Operation {
    op(OpBody::CaseCommand {
        id: case,
        base_version,
        command,
        reason: Some(reason.to_owned()),
    })
}

/// A new 临时救助 intake of the demo helper, submitted (version 3); `missing` left out of its
/// checklist.
pub(crate) async fn submitted(db: &Db, helper: &Actor, missing: &[&str]) -> Intake {
    let mut intake = intake(helper);
    for m in missing {
        intake.materials = without(intake.materials, m);
    }
    let answers = send(db, helper, intake.ops()).await;
    assert!(answers.iter().all(|o| applied(o) > 0), "{answers:?}");
    intake
}

/// Accepted, agreed by the township leader (分管领导, the demo's `leader`) and routed to
/// civil affairs (version 6).
pub(crate) async fn routed(db: &Db, clerk: &Actor, case: CaseId) {
    let accept = command(case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, clerk, vec![accept]).await[0]), 4);
    let leader = super::sync_support::actor(db, "leader").await;
    let agree = command(case, 4, Command::ApproveRouting);
    assert_eq!(applied(&send(db, &leader, vec![agree]).await[0]), 5);
    let routing = Routing {
        lead: DepartmentCode::civil_affairs(),
        items: vec![(temporary(), DepartmentCode::civil_affairs())],
    };
    let route = command(case, 5, Command::Route(routing));
    assert_eq!(applied(&send(db, clerk, vec![route]).await[0]), 6);
}
