//! The jurisdiction drill's oracle: which records a user may see (`domain::jurisdiction::can_see`
//! over each record's stored scope), and the tokens that would betray a record to someone who
//! may not: its id, and its people's ID numbers, phone numbers and full names.

use std::collections::{BTreeMap, BTreeSet};

use domain::jurisdiction::{Actor, RecordScope, can_see};
use serde_json::Value;
use server::db::Db;

/// A stored record as the drill sees it.
pub struct Rec {
    /// `records.kind`.
    pub kind: String,
    /// `records.id`.
    pub id: String,
    /// Where it lies and who is attached to it.
    pub scope: RecordScope,
    /// Its JSON body.
    pub body: Value,
}

/// Every stored record.
pub async fn records(db: &Db) -> Vec<Rec> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT kind, id, scope, body FROM records ORDER BY kind, id")
            .fetch_all(db.pool())
            .await
            .expect("records");
    rows.into_iter()
        .map(|(kind, id, scope, body)| Rec {
            kind,
            id,
            scope: serde_json::from_str(&scope).expect("scope"),
            body: serde_json::from_str(&body).expect("body"),
        })
        .collect()
}

/// An attachment: the records it is linked to (ids) and who sent it (user ids).
pub struct Attachment {
    /// Its SHA-256.
    pub sha: String,
    /// The ids of the records it is linked to.
    pub records: Vec<String>,
    /// Who sent it.
    pub senders: Vec<String>,
}

/// Every attachment.
pub async fn attachments(db: &Db) -> Vec<Attachment> {
    let mut out: BTreeMap<String, Attachment> = BTreeMap::new();
    fn entry(out: &mut BTreeMap<String, Attachment>, sha: String) -> &mut Attachment {
        out.entry(sha.clone()).or_insert_with(|| Attachment {
            sha,
            records: Vec::new(),
            senders: Vec::new(),
        })
    }
    let links: Vec<(String, String)> =
        sqlx::query_as("SELECT sha256, record_id FROM attachment_links")
            .fetch_all(db.pool())
            .await
            .expect("links");
    for (sha, id) in links {
        entry(&mut out, sha).records.push(id);
    }
    let senders: Vec<(String, String)> =
        sqlx::query_as("SELECT sha256, created_by FROM attachments")
            .fetch_all(db.pool())
            .await
            .expect("attachments");
    for (sha, by) in senders {
        entry(&mut out, sha).senders.push(by);
    }
    out.into_values().collect()
}

/// The tokens that identify `record` or its people: its id, the ID numbers, phone numbers and
/// full names in its body (a name of one character is too common to count).
pub fn tokens(record: &Rec) -> BTreeSet<String> {
    let mut out = BTreeSet::from([record.id.clone()]);
    personal(&record.body, &mut out);
    out
}

fn personal(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("id_number" | "phone", Value::String(s)) if s.len() >= 11 => {
                        out.insert(s.clone());
                    }
                    ("name", Value::String(s)) if s.chars().count() >= 2 => {
                        out.insert(s.clone());
                    }
                    _ => personal(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| personal(v, out)),
        _ => {}
    }
}

/// Every UUID written in `text` (lower-case hyphenated, as the server writes them).
pub fn uuids(text: &str) -> BTreeSet<String> {
    const SHAPE: [usize; 5] = [8, 4, 4, 4, 12];
    let bytes = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i + 36 <= bytes.len() {
        let mut at = i;
        let mut ok = true;
        for (n, len) in SHAPE.iter().enumerate() {
            if !bytes[at..at + len].iter().all(u8::is_ascii_hexdigit) {
                ok = false;
                break;
            }
            at += len;
            if n < 4 {
                if bytes[at] != b'-' {
                    ok = false;
                    break;
                }
                at += 1;
            }
        }
        if ok {
            out.insert(text[i..i + 36].to_ascii_lowercase());
            i += 36;
        } else {
            i += 1;
        }
    }
    out
}

/// What one user may and may not be shown.
pub struct Sight {
    /// Ids of the records the user may see.
    pub visible: BTreeSet<String>,
    /// Tokens of records the user may not see that no record they see carries or names.
    pub forbidden: BTreeSet<String>,
}

/// The oracle for `actor` (`None`: nobody signed in) over `records`. A record the user sees may
/// name another (a case names its household), so what a visible record carries is allowed;
/// so are the names of staff and residents (`people`), which screens show as who acted.
pub fn sight(actor: Option<&Actor>, records: &[Rec], people: &BTreeSet<String>) -> Sight {
    let mut visible = BTreeSet::new();
    let mut allowed = people.clone();
    let mut hidden = BTreeSet::new();
    for record in records {
        let sees = actor.is_some_and(|a| can_see(a, &record.scope));
        if sees {
            visible.insert(record.id.clone());
            allowed.extend(tokens(record));
            allowed.extend(uuids(&record.body.to_string()));
        } else {
            hidden.extend(tokens(record));
        }
    }
    let forbidden = hidden.difference(&allowed).cloned().collect();
    Sight { visible, forbidden }
}

/// A small reproducible random source (splitmix64): the drill's pairs are the same on every
/// run of a seed, and the seed is printed with any finding.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// An ID number of the county with the check digit of GB 11643 for `serial` (0–999).
pub fn id_number(serial: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8] = b"10X98765432";
    let body = format!("50023119610101{serial:03}");
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", CHECK[(sum % 11) as usize] as char)
}

#[test]
fn uuids_are_found_where_written() {
    let a = "0192f1a4-3b5c-7d6e-8f90-a1b2c3d4e5f6";
    let text = format!("x{a}\"/{a}y 0192f1a4-3b5c");
    assert_eq!(uuids(&text), BTreeSet::from([a.to_owned()]));
    assert!(domain::identity::IdNumber::parse_shape(&id_number(7)).is_ok());
}
