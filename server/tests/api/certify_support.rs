//! Fixtures of the certification tests: the certification form posted as multipart (built by
//! hand, as the supplement's), the demo's 王秀英 household and its certifications.

use domain::certification::{CertificationId, CertificationRecord, CertifiedBy, Changes, Period};
use domain::household::Household;
use uuid::Uuid;

use crate::helpers::TestApp;
pub use crate::resident_supplement_support::jpeg;

/// Posts the certification form: text `fields` and, if given, the photo; answers the final
/// status and page (redirects followed).
pub async fn post_certify(
    client: &reqwest::Client,
    app: &TestApp,
    fields: &[(&str, &str)],
    photo: Option<Vec<u8>>,
) -> (u16, String) {
    let boundary = "----onedoor-certify-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some(bytes) = photo {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    let res = client
        .post(app.url("/my/certify"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("post answers");
    (res.status().as_u16(), res.text().await.expect("text"))
}

/// The operation id of the certification form on `html`.
pub fn op_of(html: &str) -> String {
    html.split("action=\"/my/certify\"")
        .nth(1)
        .and_then(|f| f.split("name=\"op\" value=\"").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("the certification form")
        .to_owned()
}

/// The demo household at 毛家村3组12号 (王秀英's, receiving 低保).
pub async fn wang_household(app: &TestApp) -> Household {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT body FROM records WHERE kind = 'household'")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    rows.iter()
        .filter_map(|(b,)| serde_json::from_str::<Household>(b).ok())
        .find(|h| h.address == "沙坪镇毛家村3组12号")
        .expect("王秀英's household")
}

/// Every certification stored.
pub async fn certifications(app: &TestApp) -> Vec<CertificationRecord> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'certification'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.iter()
        .map(|(b,)| serde_json::from_str(b).unwrap())
        .collect()
}

/// A valid certification of `household` for this year by `by`, made now.
pub fn certification(household: &Household, by: CertifiedBy) -> CertificationRecord {
    let now = chrono::Utc::now();
    CertificationRecord {
        id: CertificationId(Uuid::now_v7()),
        household: household.id,
        recipient: household.members[0].id,
        year: Period::containing(domain::clocks::china_date(now)).year,
        certified_at: now,
        by,
        changes: Changes::None,
        photo: Some(domain::fieldwork::AttachmentRef::parse(&"b".repeat(64)).unwrap()),
        location_consent: false,
        location: None,
    }
}
