//! Issue 20 point 9: the resident withdraws their consent to the household's checks (撤回授权)
//! from 我的申请 — only after confirming, only their own, applied by the push path.

use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::resident_cases_support::{page, post_form, record};

/// The authorization ids the list page offers to withdraw, in order.
fn offered(html: &str) -> Vec<Uuid> {
    html.split("action=\"/my/authorizations/")
        .skip(1)
        .filter_map(|rest| Uuid::parse_str(rest.get(..36)?).ok())
        .collect()
}

/// The value of the form's hidden `name` field after `from` in `html`.
fn field(html: &str, from: usize, name: &str) -> String {
    let tag = format!("name=\"{name}\" value=\"");
    let at = html[from..].find(&tag).expect("field") + from + tag.len();
    html[at..at + 36].to_owned()
}

async fn a_resident_withdraws_their_consent_once_confirmed(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    // 王秀英 applied (through the helper) and signed her household's authorization in person.
    let wang = app.sign_in_resident("13800000001").await;
    let (status, list) = page(&wang, app.url("/my/cases")).await;
    assert_eq!(status, 200);
    assert!(
        list.contains("您签的核对授权") && list.contains("有效，到"),
        "{list}"
    );
    let ids = offered(&list);
    assert_eq!(ids.len(), 1, "one authorization of hers");
    let id = ids[0];
    let at = list
        .find(&format!("/my/authorizations/{id}/revoke"))
        .unwrap();
    let (op, member) = (field(&list, at, "op"), field(&list, at, "member"));
    let url = app.url(&format!("/my/authorizations/{id}/revoke"));

    // Not confirmed: refused, nothing changes.
    let (status, html) = post_form(&wang, url.clone(), &[("op", &op), ("member", &member)]).await;
    assert_eq!(status, 400);
    assert!(html.contains("请先勾选"));
    let (body, _, before) = record(&app, "authorization", id).await;
    assert!(body["revocation"].is_null());

    // Another resident cannot withdraw it: as if it did not exist.
    let tan = app.sign_in_resident("13800000002").await;
    let other_op = Uuid::now_v7().to_string();
    let form = [
        ("op", other_op.as_str()),
        ("member", &member),
        ("reason", ""),
        ("sure", "yes"),
    ];
    let (status, html) = post_form(&tan, url.clone(), &form).await;
    assert_eq!(status, 404);
    assert!(html.contains("没有找到这份授权"));
    assert_eq!(record(&app, "authorization", id).await.2, before);

    // Confirmed, with a reason: withdrawn, and the page says so without a form.
    let form = [
        ("op", op.as_str()),
        ("member", &member),
        ("reason", "不想让查了"),
        ("sure", "yes"),
    ];
    let (status, html) = post_form(&wang, url.clone(), &form).await;
    assert_eq!(status, 200, "redirected to the list");
    assert!(html.contains("授权已经撤回") && html.contains("已撤回（"));
    assert!(offered(&html).is_empty());
    let (body, _, after) = record(&app, "authorization", id).await;
    assert_eq!(after, before + 1);
    assert_eq!(body["revocation"]["member"], member.as_str());
    assert_eq!(body["revocation"]["reason"], "不想让查了");
    // The same form sent again (a double tap) is the same operation: nothing more.
    let (status, html) = post_form(&wang, url, &form).await;
    assert_eq!(
        status,
        200,
        "{}",
        html.split("role=\"alert\">").nth(1).unwrap_or("")
    );
    assert_eq!(record(&app, "authorization", id).await.2, after);
    let (audits,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.revoke' AND record_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audits, 1, "the withdrawal is in the audit chain, once");
}

crate::backend_tests!(a_resident_withdraws_their_consent_once_confirmed);
