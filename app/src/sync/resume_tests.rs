//! Rounds cut off anywhere, played with the engine's own decisions ([`PushPlan`],
//! [`Standing`], [`settlement::settle`]) against a server that answers an operation it already
//! has from its record, as the real one does: what was not answered goes again under the same
//! ids, nothing is applied twice, nothing is lost, and the order per record holds.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;

use super::answers::{Answer, Standing};
use super::chunks::PushPlan;
use crate::records::RecordState;
use crate::store::settlement::{self, Answered};

/// What happens to one push.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Answered,
    /// The connection drops before the server has it.
    LostOnTheWay,
    /// The server commits, the answer is lost.
    AnswerLost,
}

#[derive(Default)]
struct Server {
    /// Answers by operation id: a repeat is answered from here.
    answered: HashMap<String, i64>,
    /// Versions per record.
    versions: HashMap<String, i64>,
    /// Every operation applied, in order.
    applied: Vec<String>,
}

impl Server {
    fn take(&mut self, op: &str, record: &str) -> Answer {
        if let Some(v) = self.answered.get(op) {
            return Answer::Applied { version: Some(*v) };
        }
        let v = self.versions.entry(record.to_owned()).or_insert(0);
        *v += 1;
        self.answered.insert(op.to_owned(), *v);
        self.applied.push(op.to_owned());
        Answer::Applied { version: Some(*v) }
    }
}

/// The phone: the outbox by key (operation id, record key) and the records' standing.
struct Phone {
    outbox: BTreeMap<String, (String, String)>,
    records: HashMap<String, Standing>,
}

impl Phone {
    /// `n` ordered operations on each of `records` records, made one record after another.
    fn with(records: usize, n: usize) -> Phone {
        let mut phone = Phone {
            outbox: BTreeMap::new(),
            records: HashMap::new(),
        };
        for r in 0..records {
            let record = format!("case:{r}");
            for i in 0..n {
                let op = format!("{:06}", r * n + i);
                phone
                    .outbox
                    .insert(format!("op:{op}"), (op.clone(), record.clone()));
            }
            phone.records.insert(
                record,
                Standing {
                    state: RecordState::Saved,
                    version: None,
                    message: None,
                },
            );
        }
        phone
    }

    /// One round; `false` when it was cut off.
    fn round(&mut self, server: &mut Server, fates: &mut impl Iterator<Item = Fate>) -> bool {
        // The outbox in the order made (operation ids are time-ordered).
        let mut queued: Vec<(String, String, String)> = self
            .outbox
            .iter()
            .map(|(k, (op, rec))| (k.clone(), op.clone(), rec.clone()))
            .collect();
        queued.sort_by(|a, b| a.1.cmp(&b.1));
        let mut plan = PushPlan::new(queued.len());
        while let Some(chunk) = plan.next() {
            let (this, later) = (&queued[chunk.clone()], &queued[chunk.end..]);
            for (_, _, rec) in this {
                self.records.get_mut(rec).expect("a record").state = RecordState::Sending;
            }
            let fate = fates.next().unwrap_or(Fate::Answered);
            let answers: Vec<Answer> = match fate {
                Fate::LostOnTheWay => Vec::new(),
                _ => this
                    .iter()
                    .map(|(_, op, rec)| server.take(op, rec))
                    .collect(),
            };
            if !matches!(fate, Fate::Answered) {
                for (_, _, rec) in this {
                    self.records.get_mut(rec).expect("a record").state = RecordState::Saved;
                }
                return false;
            }
            for ((_, _, rec), answer) in this.iter().zip(answers) {
                self.records.get_mut(rec).expect("a record").answer(answer);
            }
            for (_, _, rec) in this {
                if later.iter().any(|(_, _, r)| r == rec) {
                    self.records.get_mut(rec).expect("a record").travelling_on();
                }
            }
            let answered: Vec<Answered<'_>> = this
                .iter()
                .map(|(key, op, record)| Answered { key, op, record })
                .collect();
            let waiting = answered
                .iter()
                .filter_map(|a| Some((a.key, self.outbox.get(a.key)?.0.as_str())))
                .collect();
            let records: Vec<&str> = this.iter().map(|(_, _, r)| r.as_str()).collect();
            let plan_out = settlement::settle(
                &answered,
                waiting,
                |r| self.records.get(r).and_then(|s| s.version),
                &records,
            );
            let delete: Vec<String> = plan_out.delete.iter().map(|k| k.to_string()).collect();
            for key in delete {
                self.outbox.remove(&key);
            }
            plan.answered(chunk, 100.0);
        }
        true
    }
}

/// Plays rounds until one ends uncut (at most as many as there are fates, plus one).
fn play(phone: &mut Phone, server: &mut Server, fates: Vec<Fate>) {
    let mut fates = fates.into_iter();
    let mut rounds = 0;
    while !phone.round(server, &mut fates) {
        rounds += 1;
        assert!(rounds < 10_000, "rounds never end");
    }
}

fn check(phone: &Phone, server: &Server, total: usize) {
    assert!(
        phone.outbox.is_empty(),
        "everything answered left the outbox"
    );
    // Exactly once, and in the order made (ids are made in order).
    let expected: Vec<String> = (0..total).map(|i| format!("{i:06}")).collect();
    assert_eq!(server.applied, expected);
    for (key, standing) in &phone.records {
        assert_eq!(standing.state, RecordState::Received, "{key}");
        assert_eq!(standing.version, server.versions.get(key).copied(), "{key}");
    }
}

#[test]
fn an_answer_lost_after_the_server_committed_is_answered_again_not_applied_twice() {
    let (mut phone, mut server) = (Phone::with(300, 2), Server::default());
    play(
        &mut phone,
        &mut server,
        vec![Fate::Answered, Fate::AnswerLost],
    );
    check(&phone, &server, 600);
    assert_eq!(server.answered.len(), 600);
}

#[test]
fn a_push_lost_on_the_way_goes_again_from_the_first_unanswered_change() {
    let (mut phone, mut server) = (Phone::with(100, 5), Server::default());
    play(
        &mut phone,
        &mut server,
        vec![Fate::LostOnTheWay, Fate::Answered, Fate::LostOnTheWay],
    );
    check(&phone, &server, 500);
}

proptest! {
    #[test]
    fn rounds_cut_anywhere_lose_and_double_nothing(
        records in 1usize..120,
        per_record in 1usize..6,
        fates in proptest::collection::vec(
            prop_oneof![Just(Fate::Answered), Just(Fate::LostOnTheWay), Just(Fate::AnswerLost)],
            0..30,
        ),
    ) {
        let (mut phone, mut server) = (Phone::with(records, per_record), Server::default());
        play(&mut phone, &mut server, fates);
        check(&phone, &server, records * per_record);
    }
}
