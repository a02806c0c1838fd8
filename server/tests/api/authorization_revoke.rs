//! Withdrawing an authorization: who may, what it records, and that the economic check stops
//! using it.

use domain::authorization::Standing;
use domain::identity::MobilePhone;
use domain::ids::{AuthorizationId, MemberId};
use domain::sync::{OpBody, Operation, RejectCode};
use server::authorization::store;

use crate::authorization_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{applied, refused, send};
use crate::sync_support::{actor, elsewhere, op};

backend_tests!(
    a_revocation_blocks_the_economic_check,
    the_member_or_their_guardian_and_staff_of_the_household_may_revoke,
);

fn revoke(id: AuthorizationId, member: MemberId, reason: Option<&str>) -> Operation {
    op(OpBody::RevokeAuthorization {
        id,
        member,
        reason: reason.map(str::to_owned),
    })
}

async fn a_revocation_blocks_the_economic_check(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let verifier = actor(db, "verifier").await;
    let family = family();
    let authorization = signed(&family, &helper, 4000);
    let answer = send_signed(
        &app,
        &helper,
        vec![create(&family), push_package(&authorization)],
    )
    .await;
    assert_eq!(applied(&answer[1]), 1);
    let case = accepted_case(&app, &family).await;
    let spouse = family.members[1].id;
    let answer = send(
        db,
        &clerk,
        vec![revoke(authorization.id, spouse, Some("不再申请"))],
    )
    .await;
    assert_eq!(applied(&answer[0]), 2);
    let kept = store::find(db, authorization.id).await.unwrap().unwrap();
    let revocation = kept.revocation.clone().expect("recorded");
    assert_eq!(
        (revocation.member, revocation.recorded_by),
        (spouse, clerk.user)
    );
    assert_eq!(revocation.reason.as_deref(), Some("不再申请"));
    assert_eq!(
        kept.standing(domain::clocks::china_date(chrono::Utc::now())),
        Standing::Revoked
    );
    // Still genuine: the countersignature does not cover the revocation.
    kept.verify(&store::published_keys(db).await.unwrap())
        .unwrap();
    let (revoked_at,): (Option<String>,) =
        sqlx::query_as("SELECT revoked_at FROM authorizations WHERE id = $1")
            .bind(authorization.id.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert!(revoked_at.is_some());
    let (audits,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.revoke' AND record_id = $1",
    )
    .bind(authorization.id.to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(audits, 1);
    // The check stops: every adult waits for an authorization again.
    let answer = send(db, &verifier, vec![economic_check(case, 4)]).await;
    let (code, message) = refused(&answer[0]);
    assert_eq!(code, RejectCode::Invalid);
    assert!(message.contains("授权"), "{message}");
    // Revoking again: a clear refusal; the same operation again: the stored answer.
    let again = revoke(authorization.id, family.members[0].id, None);
    let answer = send(db, &clerk, vec![again]).await;
    assert!(refused(&answer[0]).1.contains("已经撤回"));
    // The family signs again: the check goes ahead with the new one.
    let renewed = signed(&family, &helper, 4200);
    assert_eq!(
        applied(&send_signed(&app, &helper, vec![push_package(&renewed)]).await[0]),
        1
    );
    assert_eq!(
        applied(&send(db, &verifier, vec![economic_check(case, 4)]).await[0]),
        5
    );
}

async fn the_member_or_their_guardian_and_staff_of_the_household_may_revoke(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let resident = actor(db, "13800000001").await;
    let officer = actor(db, "officer").await;
    // 王秀英 (the demo resident's phone) signed for herself and for her granddaughter.
    let mut family = family();
    family.members[0].phone = Some(MobilePhone::parse("13800000001").unwrap());
    let strangers = crate::authorization_support::family();
    let ours = signed(&family, &helper, 4000);
    let theirs = signed(&strangers, &helper, 4500);
    let answer = send_signed(
        &app,
        &helper,
        vec![
            create(&family),
            create(&strangers),
            push_package(&ours),
            push_package(&theirs),
        ],
    )
    .await;
    assert!(answer.iter().all(|o| applied(o) == 1), "{answer:?}");
    let [wang, husband, granddaughter] = [0, 1, 2].map(|i| family.members[i].id);
    // Not hers to withdraw: her husband's consent, another family's, staff of elsewhere.
    for (who, id, member) in [
        (&resident, ours.id, husband),
        (&resident, theirs.id, strangers.members[0].id),
        (&officer, ours.id, wang),
        (&elsewhere(&helper, "500231001001"), ours.id, wang),
    ] {
        let (code, _) = refused(&send(db, who, vec![revoke(id, member, None)]).await[0]);
        assert_eq!(code, RejectCode::NotFound);
    }
    // Someone the authorization does not cover.
    let nobody = strangers.members[0].id;
    let answer = send(db, &helper, vec![revoke(ours.id, nobody, None)]).await;
    assert!(refused(&answer[0]).1.contains("不在"));
    // As guardian, for her granddaughter: withdrawn.
    let answer = send(db, &resident, vec![revoke(ours.id, granddaughter, None)]).await;
    assert_eq!(applied(&answer[0]), 2);
    // The village's helper withdraws the other family's at their request.
    let answer = send(
        db,
        &helper,
        vec![revoke(theirs.id, strangers.members[0].id, None)],
    )
    .await;
    assert_eq!(applied(&answer[0]), 2);
}
