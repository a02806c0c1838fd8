//! A refused authorization package names each problem with its code and the member it
//! concerns (`OpResult::problems`), so the phone shows it at the member's line; fixed and sent
//! again under the same id, it is countersigned. The phone learns what the server accepts
//! from `GET /api/authorizations/v1/settings`.

use domain::authorization::{AuthorizationError as E, IdentityCheck, IdentityMethod, Signatory};
use domain::jurisdiction::Actor;
use domain::sync::{Operation, Outcome, PushResponse, RejectCode};
use serde_json::Value;
use server::sync::{PushEnv, push};

use crate::authorization_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on, spawn_app_with};
use crate::materials_support::applied;
use crate::sync_support::{actor, batch, device};

/// Pushes `ops` as `actor`, the installation allowing `methods`; the whole answer.
async fn send_with(
    app: &TestApp,
    actor: &Actor,
    ops: Vec<Operation>,
    methods: &[IdentityMethod],
) -> PushResponse {
    let keys = keys(app);
    let catalogue = crate::sync_support::catalogue();
    let env = PushEnv {
        catalogue: &catalogue,
        authorization: Some(&keys),
        identity_methods: methods,
        offline_allowance: server::sync::DEFAULT_OFFLINE_ALLOWANCE,
        calendar: None,
        client_address: None,
    };
    push::push(
        &app.db,
        env,
        actor,
        &batch(device(), ops),
        chrono::Utc::now(),
    )
    .await
    .unwrap()
}

const BOTH: &[IdentityMethod] = &[IdentityMethod::InPerson, IdentityMethod::OneTimeCode];

backend_tests!(each_refusal_names_its_member_and_code);

async fn each_refusal_names_its_member_and_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let family = family();
    assert_eq!(
        applied(&send_signed(&app, &helper, vec![create(&family)]).await[0]),
        1
    );
    let child = family.members[2].id;
    let husband = family.members[1].id;
    let good = signed(&family, &helper, 7100);
    let mut missing_member = good.clone();
    missing_member.members.pop();
    missing_member.signatures.pop();
    let mut no_guardian = good.clone();
    no_guardian.signatures[2].by = Signatory::Member;
    let mut unknown_text = good.clone();
    unknown_text.text_version = "1999-1".to_owned();
    let mut by_code = good.clone();
    by_code.signatures[1].identity = IdentityCheck::OneTimeCode {
        phone_masked: "138****0001".to_owned(),
        proof: "made-up".to_owned(),
        confirmed_at: chrono::Utc::now(),
    };
    let mut same_image = good.clone();
    let first = same_image.signatures[0].mark.clone();
    same_image.signatures[1].mark = first;
    let in_person_only = &[IdentityMethod::InPerson][..];
    let cases = [
        (
            missing_member,
            BOTH,
            vec![E::MemberNotCovered { member: child }],
        ),
        (
            no_guardian,
            BOTH,
            vec![E::GuardianRequired { member: child }],
        ),
        (unknown_text, BOTH, vec![E::UnknownTextVersion]),
        (
            by_code.clone(),
            in_person_only,
            vec![E::MethodNotAllowed { member: husband }],
        ),
        (by_code, BOTH, vec![E::CodeNotConfirmed { member: husband }]),
        (
            same_image,
            BOTH,
            vec![E::ImageUsedTwice { member: husband }],
        ),
    ];
    for (record, methods, expected) in cases {
        let answer = send_with(&app, &helper, vec![push_package(&record)], methods).await;
        let result = &answer.results[0];
        assert!(
            matches!(
                result.outcome,
                Outcome::Rejected {
                    code: RejectCode::Invalid,
                    ..
                }
            ),
            "{result:?}"
        );
        assert_eq!(result.problems, expected, "{:?}", result.outcome);
        for p in &result.problems {
            assert_eq!(p.member().is_some(), p != &E::UnknownTextVersion);
        }
    }
    // Fixed (the same id, everything else kept) and sent again: countersigned.
    assert_eq!(
        applied(
            &send_with(&app, &helper, vec![push_package(&good)], in_person_only)
                .await
                .results[0]
                .outcome
        ),
        1
    );
}

backend_tests!(the_answer_and_the_settings_over_http);

/// The installation allows only the in-person check: the settings say so, a package with a
/// one-time code is refused naming the member in JSON (`code`, `member`), and any other
/// refusal carries no `problems` (the answer old phones read is unchanged).
async fn the_answer_and_the_settings_over_http(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |c| {
        c.authorization_identity_methods = vec![IdentityMethod::InPerson];
    })
    .await
    else {
        return;
    };
    let settings: Value = app
        .client()
        .get(app.url("/api/authorizations/v1/settings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let builtin = domain::authorization::AuthorizationText::builtin();
    assert_eq!(
        settings["identity_methods"],
        serde_json::json!(["in_person"])
    );
    assert_eq!(settings["text"]["version"], builtin.version.as_str());
    assert_eq!(settings["text"]["sha256"], builtin.sha256().as_str());
    assert!(
        settings["versions"]
            .as_array()
            .unwrap()
            .contains(&Value::from(builtin.version.as_str())),
        "{settings}"
    );

    let helper_actor = actor(&app.db, "helper").await;
    let helper = app.sign_in("helper").await;
    let family = family();
    let mut bad = signed(&family, &helper_actor, 7200);
    bad.signatures[0].identity = IdentityCheck::OneTimeCode {
        phone_masked: "138****0001".to_owned(),
        proof: "made-up".to_owned(),
        confirmed_at: chrono::Utc::now(),
    };
    let not_yet = crate::materials_support::save(
        domain::sync::RecordKind::Entrustment,
        uuid::Uuid::now_v7(),
        None,
        &serde_json::json!({}),
    );
    let req = batch(device(), vec![create(&family), push_package(&bad), not_yet]);
    let answer: Value = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&req)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["outcome"]["outcome"], "applied", "{answer}");
    assert_eq!(results[1]["outcome"]["outcome"], "rejected", "{answer}");
    assert_eq!(
        results[1]["problems"],
        serde_json::json!([{ "code": "method_not_allowed", "member": family.members[0].id.to_string() }]),
        "{answer}"
    );
    assert!(
        results[1]["outcome"]["message_zh"]
            .as_str()
            .unwrap()
            .contains("不允许该身份核验方式"),
        "{answer}"
    );
    assert_eq!(results[2]["outcome"]["outcome"], "rejected", "{answer}");
    assert!(results[2].get("problems").is_none(), "{answer}");
}
