//! Applying online for a household with an adult who cannot sign themselves (issue 20 point 4):
//! 谭丽华's mother has dementia. A guardian who is no capable adult is refused; once the
//! mother is marked, her link to sign herself no longer opens and 谭丽华 signs for her as
//! guardian; unticking drops that signature with a notice; the package sent marks the mother
//! without full capacity and the server countersigns it.

use domain::authorization::Signatory;
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::resident_apply::{
    MOTHER, TAN, last_message, link_path, sent_authorization, signature, tan_household,
};
use crate::resident_cases_support::{page, post_form};

async fn a_guardian_signs_for_a_mother_with_dementia(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let home = tan_household(&app).await;
    let (tan_id, son, mother) = (home.members[0].id, home.members[1].id, home.members[2].id);
    let tan = app.sign_in_resident(TAN).await;
    let form = [("item", "temporary"), ("reason", "母亲痴呆，要人照顾。")];
    let (status, _) = post_form(&tan, app.url("/my/apply/items"), &form).await;
    assert_eq!(status, 200);
    let (status, html) = page(&tan, app.url("/my/apply?step=3")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("这位家人自己不能签字（例如患有痴呆、智力或精神残疾），由监护人代签"),
        "{html}"
    );

    // A link to sign herself, sent before anyone said she cannot.
    let mum = mother.to_string();
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200);
    let link = link_path(&last_message(&app, MOTHER));
    let anyone = app.client();
    let (status, _) = page(&anyone, app.url(&link)).await;
    assert_eq!(status, 200);

    // Her grandson (a child) or herself cannot be her guardian.
    for guardian in [son.to_string(), mum.clone(), Uuid::nil().to_string()] {
        let tick = [
            ("member", mum.as_str()),
            ("limited", "on"),
            ("guardian", &guardian),
        ];
        let (status, html) = post_form(&tan, app.url("/my/apply/capacity"), &tick).await;
        assert_eq!(status, 400, "{guardian}: {html}");
        assert!(html.contains("请另选一位"), "{html}");
    }
    // Marked, with 谭丽华 as her guardian.
    let me = tan_id.to_string();
    let tick = [
        ("member", mum.as_str()),
        ("limited", "on"),
        ("guardian", me.as_str()),
    ];
    let (status, html) = post_form(&tan, app.url("/my/apply/capacity"), &tick).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("谭*兰（由监护人 谭*华 代签）"), "{html}");
    let (status, _) = page(&anyone, app.url(&link)).await;
    assert_eq!(status, 404, "her own link no longer opens");
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 400, "no link for one a guardian signs for");

    // Nobody capable left: 谭丽华 marked too, nobody could sign for her.
    let tick_me = [("member", me.as_str()), ("limited", "on")];
    let (status, html) = post_form(&tan, app.url("/my/apply/capacity"), &tick_me).await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("家里没有别的能签字的成年人"), "{html}");

    // 谭丽华 confirms a code and signs for herself, her son and her mother.
    let (status, _) = post_form(&tan, app.url("/my/apply/code"), &[("member", &me)]).await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, TAN).expect("a code");
    let sign = |member: String, n: u8, code: Option<String>| {
        let tan = tan.clone();
        let url = app.url("/my/apply/sign");
        async move {
            let png = signature(n);
            let mut form = vec![
                ("member", member),
                ("png", png),
                ("strokes", format!("{n},{n},0")),
            ];
            if let Some(c) = code {
                form.push(("code", c));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_form(&tan, url, &form).await
        }
    };
    let (status, html) = sign(me.clone(), 1, Some(code)).await;
    assert_eq!(status, 200, "{html}");
    let (status, _) = sign(son.to_string(), 2, None).await;
    assert_eq!(status, 200);
    let (status, html) = sign(mum.clone(), 3, None).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("已签 ✓").count(), 3, "{html}");

    // Unticked: her guardian's signature no longer fits, dropped with a notice.
    let untick = [("member", mum.as_str()), ("guardian", me.as_str())];
    let (status, html) = post_form(&tan, app.url("/my/apply/capacity"), &untick).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("已经删掉"), "{html}");
    assert_eq!(html.matches("已签 ✓").count(), 2, "{html}");
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 400, "her own signature is missing now: {html}");

    // Marked again and signed again; sent.
    let (status, _) = post_form(&tan, app.url("/my/apply/capacity"), &tick).await;
    assert_eq!(status, 200);
    let (status, html) = sign(mum.clone(), 4, None).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("已签 ✓").count(), 3, "{html}");
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("申请已经交到乡镇窗口"), "{html}");

    let signed = sent_authorization(&app).await;
    assert!(signed.countersignature.is_some(), "the server accepted it");
    for m in &signed.members {
        assert_eq!(m.limited_capacity, m.member == mother, "{}", m.member);
    }
    let hers = signed
        .signatures
        .iter()
        .find(|s| s.member == mother)
        .unwrap();
    match &hers.by {
        Signatory::Guardian {
            member, relation, ..
        } => {
            assert_eq!(*member, Some(tan_id));
            assert_eq!(relation, "子女");
        }
        other => panic!("signed by {other:?}"),
    }
}

crate::backend_tests!(a_guardian_signs_for_a_mother_with_dementia);
