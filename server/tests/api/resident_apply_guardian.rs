//! A guardian who is away signs by a link (issue 20 point 4): 谭丽华's mother has dementia and
//! her brother, registered in the household with his own phone, is her guardian. 谭丽华 sends
//! him a link; the page says whom he signs for and as what; his code goes to his phone. A link
//! stops opening once the guardian is changed (and stays closed if he is chosen again); a new
//! one opens, he signs, and the package the server countersigns names him as her guardian.

use domain::authorization::Signatory;
use domain::household::Household;
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::resident_apply::{
    TAN, last_message, link_path, sent_authorization, signature, tan_household,
};
use crate::resident_cases_support::{page, post_form, record, rewrite};

pub const BROTHER: &str = "13800000010";

/// [`tan_household`] with her brother 谭志刚 added, an adult with his own phone.
pub async fn with_brother(app: &TestApp) -> Household {
    let home = tan_household(app).await;
    let (mut body, scope, _) = record(app, "household", home.id.0).await;
    let mut brother = body["members"][0].clone();
    brother["id"] = Value::String(Uuid::now_v7().to_string());
    brother["name"] = Value::String("谭志刚".to_owned());
    brother["id_number"] = Value::String("50023119800312101X".to_owned());
    brother["relation"] = Value::String("sibling".to_owned());
    brother["phone"] = Value::String(BROTHER.to_owned());
    body["members"].as_array_mut().unwrap().push(brother);
    rewrite(app, "household", home.id.0, &body, &scope).await;
    serde_json::from_value(body).unwrap()
}

async fn an_absent_guardian_signs_through_a_link(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let home = with_brother(&app).await;
    let (tan_id, son, mother, brother) = (
        home.members[0].id,
        home.members[1].id,
        home.members[2].id,
        home.members[3].id,
    );
    let tan = app.sign_in_resident(TAN).await;
    let form = [("item", "temporary"), ("reason", "母亲痴呆，要人照顾。")];
    let (status, _) = post_form(&tan, app.url("/my/apply/items"), &form).await;
    assert_eq!(status, 200);
    let (mum, bro, me) = (mother.to_string(), brother.to_string(), tan_id.to_string());
    let choose = |guardian: &str| {
        [
            ("member", mum.clone()),
            ("limited", "on".to_owned()),
            ("guardian", guardian.to_owned()),
        ]
    };
    let capacity = |form: [(&'static str, String); 3]| {
        let tan = tan.clone();
        let url = app.url("/my/apply/capacity");
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&tan, url, &form).await
        }
    };
    let (status, html) = capacity(choose(&bro)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("谭*兰（由监护人 谭*刚 代签）"), "{html}");
    assert!(
        html.contains("监护人 谭*刚 不在身边：发短信，让他在自己手机上替 谭*兰 签"),
        "{html}"
    );

    // The link to her guardian: the message and the page say whom for and as what.
    let (status, html) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("已经发短信请监护人 谭*刚"), "{html}");
    let message = last_message(&app, BROTHER);
    assert!(message.contains("请您作为监护人，替 谭*兰 签"), "{message}");
    let first = link_path(&message);
    let anyone = app.client();
    let (status, html) = page(&anyone, app.url(&first)).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("请您（谭*刚）作为监护人，替 谭*兰 签字"),
        "{html}"
    );
    assert!(
        !html.contains("谭秀兰") && !html.contains("谭志刚") && !html.contains(BROTHER),
        "masked: {html}"
    );

    // The guardian changed to 谭丽华: his link no longer opens, not even once he is chosen
    // again.
    let (status, _) = capacity(choose(&me)).await;
    assert_eq!(status, 200);
    let (status, _) = page(&anyone, app.url(&first)).await;
    assert_eq!(status, 404, "the former guardian's link");
    let (status, _) = capacity(choose(&bro)).await;
    assert_eq!(status, 200);
    let (status, _) = page(&anyone, app.url(&first)).await;
    assert_eq!(status, 404, "closed for good");

    // A new link: he confirms a code to his own phone and signs for her.
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200);
    let second = link_path(&last_message(&app, BROTHER));
    assert_ne!(first, second);
    let (status, _) = post_form(&anyone, app.url(&format!("{second}/code")), &[]).await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, BROTHER).expect("his code");
    let png = signature(7);
    let sign = [("code", code.as_str()), ("png", &png), ("strokes", "7,7,0")];
    let (status, html) = post_form(&anyone, app.url(&second), &sign).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("谢谢您"), "{html}");
    let (status, _) = page(&anyone, app.url(&second)).await;
    assert_eq!(status, 404, "taken once");
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'application.signed_by_link' \
         AND detail LIKE $1",
    )
    .bind(format!("%{bro}%"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audited, 1, "audited with the signer");

    // 谭丽华 signs her own, her son's and her brother his own, beside her; then sends.
    let (status, _) = post_form(&tan, app.url("/my/apply/code"), &[("member", &me)]).await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, TAN).expect("a code");
    let sign_here = |member: String, n: u8, code: Option<String>| {
        let tan = tan.clone();
        let url = app.url("/my/apply/sign");
        async move {
            let mut form = vec![
                ("member", member),
                ("png", signature(n)),
                ("strokes", format!("{n},{n},0")),
            ];
            if let Some(c) = code {
                form.push(("code", c));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&tan, url, &form).await
        }
    };
    let (status, html) = sign_here(me.clone(), 1, Some(code)).await;
    assert_eq!(status, 200, "{html}");
    let (status, _) = sign_here(son.to_string(), 2, None).await;
    assert_eq!(status, 200);
    let (status, html) = sign_here(bro.clone(), 3, None).await;
    assert_eq!(status, 200, "his code was confirmed on his phone: {html}");
    assert_eq!(html.matches("已签 ✓").count(), 4, "{html}");
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("申请已经交到乡镇窗口"), "{html}");

    let signed = sent_authorization(&app).await;
    assert!(signed.countersignature.is_some(), "the server accepted it");
    let hers = signed
        .signatures
        .iter()
        .find(|s| s.member == mother)
        .unwrap();
    match &hers.by {
        Signatory::Guardian { member, .. } => assert_eq!(*member, Some(brother)),
        other => panic!("signed by {other:?}"),
    }
}

crate::backend_tests!(an_absent_guardian_signs_through_a_link);

const OUTSIDER: &str = "13900000011";
const OUTSIDER_ID: &str = "50023119820611301X";

/// A guardian from outside the household (谭丽华's brother in the city, 谭志强, for their
/// mother with dementia): every wrong detail is refused at its field; once chosen, the page
/// names him masked only; his link says he signs as guardian; he confirms a code to his own
/// phone beside 谭丽华 and signs; the package the server countersigns names him with no
/// member of the household.
async fn a_guardian_from_outside_the_household_signs(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let home = tan_household(&app).await;
    let (tan_id, son, mother) = (home.members[0].id, home.members[1].id, home.members[2].id);
    let tan = app.sign_in_resident(TAN).await;
    let form = [
        ("item", "temporary"),
        ("reason", "母亲痴呆，哥哥在城里照顾。"),
    ];
    let (status, _) = post_form(&tan, app.url("/my/apply/items"), &form).await;
    assert_eq!(status, 200);
    let mum = mother.to_string();
    let choose = |name: &str, id: &str, phone: &str, relation: &str| {
        let form = [
            ("member", mum.clone()),
            ("limited", "on".to_owned()),
            ("guardian", "outside".to_owned()),
            ("outside_name", name.to_owned()),
            ("outside_id_number", id.to_owned()),
            ("outside_phone", phone.to_owned()),
            ("outside_relation", relation.to_owned()),
        ];
        let tan = tan.clone();
        let url = app.url("/my/apply/capacity");
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&tan, url, &form).await
        }
    };
    let refusals = [
        (
            ("谭志强", "500231198206113017", OUTSIDER),
            "capacity-2-id",
            "这个身份证号不对",
        ),
        (
            ("谭志强", "500231201203151023", OUTSIDER),
            "capacity-2-id",
            "监护人要满 18 岁",
        ),
        (
            ("谭志强", "500231195205164022", OUTSIDER),
            "capacity-2-id",
            "这是 谭*兰 本人的身份证号",
        ),
        (
            ("谭志强", OUTSIDER_ID, ""),
            "capacity-2-phone",
            "请填监护人自己的手机号",
        ),
    ];
    for ((name, id, phone), field, said) in refusals {
        let (status, html) = choose(name, id, phone, "子女").await;
        assert_eq!(status, 400, "{said}: {html}");
        assert!(
            html.contains(&format!("id=\"{field}-error\" role=\"alert\">{said}")),
            "{said}: {html}"
        );
        // Put back as typed, in the resident's own form: corrected, not retyped.
        assert!(
            html.contains(&format!("name=\"outside_id_number\" type=\"text\" autocomplete=\"off\" maxlength=\"18\" value=\"{id}\""))
                && html.contains("value=\"谭志强\"")
                && html.contains("<option value=\"子女\" selected>"),
            "as typed: {html}"
        );
    }
    let (status, html) = choose("谭志强", OUTSIDER_ID, OUTSIDER, "子女").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("谭*兰（由家外的监护人 谭*强（子女）代签）"),
        "{html}"
    );
    assert!(html.contains("500231********301X"), "masked: {html}");
    assert!(
        !html.contains(OUTSIDER_ID) && !html.contains(OUTSIDER) && !html.contains("谭志强"),
        "never in full: {html}"
    );

    // His link says whom he signs for and as what.
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200);
    let message = last_message(&app, OUTSIDER);
    assert!(message.contains("请您作为监护人，替 谭*兰 签"), "{message}");
    let anyone = app.client();
    let (status, html) = page(&anyone, app.url(&link_path(&message))).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("请您（谭*强）作为监护人，替 谭*兰 签字"),
        "{html}"
    );

    // Beside 谭丽华 instead: a code to his phone, then he signs.
    let key = domain::authorization::Outsider::parse(
        ("谭志强", OUTSIDER_ID, OUTSIDER, "子女"),
        &home,
        mother,
        domain::clocks::china_date(chrono::Utc::now()),
    )
    .unwrap()
    .key()
    .to_string();
    let (status, html) = post_form(&tan, app.url("/my/apply/code"), &[("member", &key)]).await;
    assert_eq!(status, 200, "{html}");
    let his = server::auth::sms::last_dev_code(&app.sms_outbox, OUTSIDER).expect("his code");
    let sign_here = |member: String, n: u8, code: Option<String>| {
        let tan = tan.clone();
        let url = app.url("/my/apply/sign");
        async move {
            let mut form = vec![
                ("member", member),
                ("png", signature(n)),
                ("strokes", format!("{n},{n},0")),
            ];
            if let Some(c) = code {
                form.push(("code", c));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&tan, url, &form).await
        }
    };
    let (status, html) = sign_here(mum.clone(), 1, Some(his)).await;
    assert_eq!(status, 200, "{html}");
    let (status, _) = post_form(
        &tan,
        app.url("/my/apply/code"),
        &[("member", &tan_id.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, TAN).expect("her code");
    let (status, _) = sign_here(tan_id.to_string(), 2, Some(code)).await;
    assert_eq!(status, 200);
    let (status, html) = sign_here(son.to_string(), 3, None).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("已签 ✓").count(), 3, "{html}");
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("申请已经交到乡镇窗口"), "{html}");

    let signed = sent_authorization(&app).await;
    assert!(signed.countersignature.is_some(), "the server accepted it");
    let hers = signed
        .signatures
        .iter()
        .find(|s| s.member == mother)
        .unwrap();
    match &hers.by {
        Signatory::Guardian {
            name,
            id_number,
            relation,
            member,
        } => {
            assert_eq!((name.as_str(), id_number.as_str()), ("谭志强", OUTSIDER_ID));
            assert_eq!(relation, "子女");
            assert_eq!(*member, None, "not a member of the household");
        }
        other => panic!("signed by {other:?}"),
    }
    let (leaks,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE detail LIKE $1 OR detail LIKE $2 OR detail LIKE $3",
    )
    .bind(format!("%{OUTSIDER_ID}%"))
    .bind(format!("%{OUTSIDER}%"))
    .bind("%谭志强%")
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(leaks, 0, "the audit never names him in full");
}

crate::backend_tests!(a_guardian_from_outside_the_household_signs);
