//! Jurisdiction drill (issue 23 point 5): every GET route of the OpenAPI document and every
//! printed or resident page, asked by every role and place about records of every place. No
//! answer may carry a record the caller may not see — its id, or its people's ID numbers, phone
//! numbers or full names (the oracle: `jurisdiction_drill_support`) — and a route about one
//! record answers it only to someone who may see it.
//!
//! Each (user, route) pair is asked once with a random record, then `ONEDOOR_DRILL_PAIRS`
//! random pairs more (default 300; `bench/` asks 10,000). `ONEDOOR_DRILL_SEED` replays a run.

use std::collections::BTreeSet;

use domain::jurisdiction::Actor;
use domain::sync::{OpBody, Outcome};
use domain::workflow::{Channel, Command};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::jurisdiction_drill_support::{
    Attachment, Rec, Rng, Sight, attachments, id_number, records, sight,
};
use crate::materials_support::{command, send, temporary};
use crate::sync_support::{actor, op};

/// Page routes outside the OpenAPI document (printed forms, the resident's pages).
const PAGES: &[&str] = &[
    "/cases/{id}/registration",
    "/cases/{id}/notices/supplement",
    "/cases/{id}/notices/not-accepted",
    "/cases/{id}/notices/result",
    "/authorizations/{id}/print",
    "/townships/{code}/routing-ledger",
    "/my/cases",
    "/my/cases/{id}",
    "/my/certify",
    "/my/apply",
    "/my/apply/sign/{id}",
];

/// Routes that answer anyone by design (they show masked data only): the content check still
/// applies, the "only to someone who may see the record" check does not.
const PUBLIC: &[&str] = &["/verify", "/track", "/public/"];

/// Staff placed in another township (石桥乡, 500231001), made for the drill.
const OTHER_TOWNSHIP: [(&str, &str, &str); 2] = [
    ("helper_b", "helper", "500231001001"),
    ("clerk_b", "clerk", "500231001"),
];

struct Caller {
    name: String,
    actor: Option<Actor>,
    client: reqwest::Client,
    sight: Sight,
}

async fn jurisdiction_drill(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    plant_other_township(&app).await;
    let records = records(&app.db).await;
    let people: BTreeSet<String> = sqlx::query_as::<_, (String,)>("SELECT display_name FROM users")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(|(n,)| n)
        .collect();
    let callers = callers(&app, &records, &people).await;
    let routes = routes(&app).await;
    let targets = Targets::load(&app, &records).await;
    let seed = std::env::var("ONEDOOR_DRILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261206);
    let extra: usize = std::env::var("ONEDOOR_DRILL_PAIRS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(seed);
    let mut pairs: Vec<(usize, usize)> = (0..callers.len())
        .flat_map(|c| (0..routes.len()).map(move |r| (c, r)))
        .collect();
    for _ in 0..extra {
        pairs.push((rng.below(callers.len()), rng.below(routes.len())));
    }
    let mut findings = Vec::new();
    let (mut answered, mut telling, asked) = (0, 0, pairs.len());
    for (c, r) in pairs {
        let caller = &callers[c];
        let Some((url, about)) = targets.fill(&routes[r], &mut rng) else {
            continue;
        };
        let res = caller.client.get(app.url(&url)).send().await.unwrap();
        let status = res.status().as_u16();
        let text = String::from_utf8_lossy(&res.bytes().await.unwrap()).into_owned();
        assert!(status < 500, "{} GET {url}: {status}", caller.name);
        if (200..300).contains(&status) {
            answered += 1;
        }
        // A route about one record answers it only to someone who may see it: an attachment's
        // bytes not at all, a page not with the record in it (a sign-in page may answer 200).
        let public = PUBLIC.iter().any(|p| url.starts_with(p));
        if let Some(about) = about
            && !public
            && (200..300).contains(&status)
            && !targets.may_see(caller, &about)
            && (about.starts_with("sha:") || text.contains(about.as_str()))
        {
            findings.push(format!("{} GET {url}: {status} about {about}", caller.name));
        }
        for token in caller.sight.forbidden.iter() {
            if text.contains(token.as_str()) {
                findings.push(format!(
                    "{} GET {url}: {status} carries {token}",
                    caller.name
                ));
            }
        }
        // The drill is not vacuous: answers do carry what others may not see.
        if callers.iter().any(|other| {
            other
                .sight
                .forbidden
                .iter()
                .any(|t| text.contains(t.as_str()))
        }) {
            telling += 1;
        }
    }
    eprintln!(
        "jurisdiction drill: {asked} requests, {answered} answered 2xx, \
         {telling} carried what another caller may not see"
    );
    assert!(
        findings.is_empty(),
        "seed {seed}: {} finding(s):\n{}",
        findings.len(),
        findings.join("\n")
    );
    assert!(
        telling > 0,
        "no answer carried anything another caller may not see"
    );
    assert!(
        answered > routes.len(),
        "the drill asked mostly refused routes ({answered})"
    );
}

/// A household with a case in another township, with people found nowhere else, and its staff.
async fn plant_other_township(app: &TestApp) {
    for (name, like, place) in OTHER_TOWNSHIP {
        sqlx::query(
            "INSERT INTO users (id, username, phone, display_name, role, place_code, \
             department_code, password_hash, disabled, created_at) \
             SELECT $1, $2, NULL, $3, role, $4, department_code, password_hash, disabled, created_at \
             FROM users WHERE username = $5",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(name)
        .bind(format!("石桥{name}"))
        .bind(place)
        .bind(like)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let helper = actor(&app.db, "helper_b").await;
    let household = domain::ids::HouseholdId(uuid::Uuid::now_v7());
    let case = domain::ids::CaseId(uuid::Uuid::now_v7());
    let body = json!({
        "id": household.0.to_string(),
        "place": "500231001001-G01",
        "address": "石桥村3组12号",
        "members": [{
            "id": uuid::Uuid::now_v7().to_string(),
            "name": "欧阳明远",
            "id_number": id_number(1),
            "phone": "13912345678",
            "relation": "applicant",
            "health": "healthy",
            "employment": "farming"
        }],
        "income": [],
        "property": []
    });
    let answers = send(
        &app.db,
        &helper,
        vec![
            op(OpBody::CreateHousehold {
                id: household,
                body,
            }),
            op(OpBody::CreateCase {
                id: case,
                household,
                channel: Channel::Window,
                applicant: None,
                referred_by: None,
            }),
            command(
                case,
                1,
                Command::EditDraft {
                    items: vec![temporary()],
                    primary: Some(temporary()),
                },
            ),
        ],
    )
    .await;
    for answer in &answers {
        assert!(matches!(answer, Outcome::Applied { .. }), "{answer:?}");
    }
}

/// Every demo account, the other township's staff, and nobody signed in.
async fn callers(app: &TestApp, records: &[Rec], people: &BTreeSet<String>) -> Vec<Caller> {
    let mut out = Vec::new();
    let staff = [
        "helper",
        "clerk",
        "verifier",
        "officer",
        "officer2",
        "supervisor",
        "admin",
        "helper_b",
        "clerk_b",
    ];
    for name in staff {
        let actor = actor(&app.db, name).await;
        out.push(Caller {
            name: name.to_owned(),
            sight: sight(Some(&actor), records, people),
            actor: Some(actor),
            client: app.sign_in(name).await,
        });
    }
    for phone in ["13800000001", "13800000002"] {
        let actor = actor(&app.db, phone).await;
        out.push(Caller {
            name: format!("resident {phone}"),
            sight: sight(Some(&actor), records, people),
            actor: Some(actor),
            client: app.sign_in_resident(phone).await,
        });
    }
    out.push(Caller {
        name: "nobody".to_owned(),
        sight: sight(None, records, people),
        actor: None,
        client: app.client(),
    });
    out
}

/// The GET routes of the OpenAPI document and the pages.
async fn routes(app: &TestApp) -> Vec<String> {
    let doc: serde_json::Value = app
        .client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut out: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .collect();
    out.extend(PAGES.iter().map(|p| (*p).to_owned()));
    out.sort();
    out.dedup();
    out
}

/// What the drill can ask about: record ids by kind, attachments, evidence, townships.
struct Targets {
    cases: Vec<String>,
    authorizations: Vec<String>,
    evidence: Vec<(String, String)>,
    attachments: Vec<Attachment>,
    uploads: Vec<String>,
    townships: Vec<String>,
}

impl Targets {
    async fn load(app: &TestApp, records: &[Rec]) -> Targets {
        let of = |kind: &str| -> Vec<String> {
            records
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| r.id.clone())
                .collect()
        };
        let pool = app.db.pool();
        let evidence =
            sqlx::query_as("SELECT authorization_id, member_id FROM authorization_evidence")
                .fetch_all(pool)
                .await
                .unwrap();
        let uploads = sqlx::query_as::<_, (String,)>("SELECT id FROM uploads")
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(id,)| id)
            .collect();
        let townships =
            sqlx::query_as::<_, (String,)>("SELECT code FROM places WHERE level = 'township'")
                .fetch_all(pool)
                .await
                .unwrap()
                .into_iter()
                .map(|(c,)| c)
                .collect();
        let attachments = attachments(&app.db).await;
        Targets {
            cases: of("case"),
            authorizations: of("authorization"),
            evidence,
            attachments,
            uploads,
            townships,
        }
    }

    /// `route` with its parameters filled at random, and the record it is about (`None` for a
    /// route about no one record); `None` when there is nothing to fill it with.
    fn fill(&self, route: &str, rng: &mut Rng) -> Option<(String, Option<String>)> {
        let pick = |list: &[String], rng: &mut Rng| -> Option<String> {
            (!list.is_empty()).then(|| list[rng.below(list.len())].clone())
        };
        if route.contains("/evidence/{member}") {
            let (id, member) = self
                .evidence
                .get(rng.below(self.evidence.len().max(1)))?
                .clone();
            let url = route.replace("{id}", &id).replace("{member}", &member);
            return Some((url, Some(id)));
        }
        if route.contains("{sha256}") {
            let sha = &self
                .attachments
                .get(rng.below(self.attachments.len().max(1)))?
                .sha;
            return Some((route.replace("{sha256}", sha), Some(format!("sha:{sha}"))));
        }
        if route.contains("/uploads/{id}") {
            let id = pick(&self.uploads, rng)?;
            return Some((route.replace("{id}", &id), None));
        }
        if route.contains("{code}") && route.starts_with("/townships/") {
            let code = pick(&self.townships, rng)?;
            return Some((route.replace("{code}", &code), None));
        }
        if route.contains("{code}") {
            return None;
        }
        if route.contains("authorizations") && route.contains("{id}") {
            let id = pick(&self.authorizations, rng)?;
            return Some((route.replace("{id}", &id), Some(id)));
        }
        if route.contains("{id}") {
            let id = pick(&self.cases, rng)?;
            return Some((route.replace("{id}", &id), Some(id)));
        }
        let url = match route {
            "/api/sync/v1/pull" => "/api/sync/v1/pull?cursor=0&limit=500".to_owned(),
            other => other.to_owned(),
        };
        Some((url, None))
    }

    /// Whether `caller` may be answered about `about` (a record id, or `sha:` an attachment:
    /// linked to a record they see, or sent by them).
    fn may_see(&self, caller: &Caller, about: &str) -> bool {
        match about.strip_prefix("sha:") {
            Some(sha) => self.attachments.iter().any(|a| {
                a.sha == sha
                    && (a.records.iter().any(|id| caller.sight.visible.contains(id))
                        || caller
                            .actor
                            .as_ref()
                            .is_some_and(|actor| a.senders.contains(&actor.user.0.to_string())))
            }),
            None => caller.sight.visible.contains(about),
        }
    }
}

crate::backend_tests!(jurisdiction_drill);
