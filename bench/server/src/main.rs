//! Server benchmark. For SQLite and (when `ONEDOOR_TEST_POSTGRES_URL` names a server, as
//! `bench/server.sh` arranges) PostgreSQL, against the real server on a random port:
//!
//! - push: operations per second accepted in batches of 500 from 32 concurrent clients
//!   (target on the 2-core machine: 20,000/s on SQLite);
//! - status: case status reads per second and their p50/p99 latency at 64 connections
//!   (targets: 5,000/s, p99 under 10 ms).
//!
//! Figures are printed, never asserted: timings belong here, not in tests.
//!
//! `--quick`: small counts, for trying it (8 push clients, 2 s of reads on 500 cases).
//! `--json FILE`: also writes the figures as data (name, value, unit, target, lower is better),
//! as every bench script does for `bench/run`'s table.

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::ids::{CaseId, DeviceId, HouseholdId, OpId};
use domain::sync::{OpBody, Operation, Outcome, PushRequest, PushResponse};
use domain::workflow::Channel;
use serde_json::json;
use server::config::Config;
use server::startup::Application;
use uuid::Uuid;

const BATCH: usize = 500;
const READ_CONNECTIONS: usize = 64;
const GRID: &str = "500231101201-G01";

/// How much each part does: the full counts, or `--quick`'s.
#[derive(Clone, Copy)]
struct Counts {
    push_clients: usize,
    batches_per_client: usize,
    cases: usize,
    read_seconds: u64,
}

const FULL: Counts = Counts {
    push_clients: 32,
    batches_per_client: 4,
    cases: 2000,
    read_seconds: 10,
};
const QUICK: Counts = Counts {
    push_clients: 8,
    batches_per_client: 2,
    cases: 500,
    read_seconds: 2,
};

/// One figure as data, for `--json`.
fn figure(
    key: String,
    name: String,
    value: f64,
    unit: &str,
    target: Option<f64>,
    lower_is_better: bool,
) -> serde_json::Value {
    json!({ "key": key, "name": name, "value": value, "unit": unit, "target": target,
            "lower_is_better": lower_is_better, "note": "" })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let counts = if args.iter().any(|a| a == "--quick") {
        QUICK
    } else {
        FULL
    };
    let json_file = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1).cloned());
    let mut figures = Vec::new();
    println!(
        "onedoor server benchmark ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let dir = std::env::temp_dir().join(format!("onedoor-bench-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = format!("sqlite://{}/bench.db", dir.display());
    figures.extend(run("SQLite", sqlite, &dir, counts).await?);
    match std::env::var("ONEDOOR_TEST_POSTGRES_URL") {
        Ok(base) => {
            let url = fresh_postgres(&base).await?;
            figures.extend(run("PostgreSQL", url, &dir, counts).await?);
        }
        Err(_) => {
            println!("PostgreSQL skipped: run bench/server.sh, or set ONEDOOR_TEST_POSTGRES_URL")
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(file) = json_file {
        let data = json!({ "script": "bench/server", "figures": figures });
        std::fs::write(file, serde_json::to_string_pretty(&data)? + "\n")?;
    }
    Ok(())
}

async fn fresh_postgres(base: &str) -> anyhow::Result<String> {
    use sqlx::Connection;
    let name = format!("bench_{}", Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(base).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await?;
    let (server, _) = base.rsplit_once('/').expect("URL ends in a database name");
    Ok(format!("{server}/{name}"))
}

async fn run(
    label: &str,
    url: String,
    dir: &std::path::Path,
    counts: Counts,
) -> anyhow::Result<Vec<serde_json::Value>> {
    let Counts {
        push_clients,
        batches_per_client,
        cases: case_count,
        read_seconds,
    } = counts;
    let mut config = Config::for_tests(url);
    config.demo_data = true;
    config.sms_outbox = dir.join("sms.log");
    config.attachment_dir = dir.join("attachments");
    let app = Application::build(config).await?;
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());

    let clients = sign_in_many(&base, push_clients).await?;
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|client| {
            let base = base.clone();
            tokio::spawn(async move {
                let device = DeviceId(Uuid::now_v7());
                let mut applied = 0usize;
                for _ in 0..batches_per_client {
                    let ops = (0..BATCH).map(|_| create_household()).collect();
                    applied += push(&client, &base, device, ops).await?;
                }
                anyhow::Ok(applied)
            })
        })
        .collect();
    let mut applied = 0;
    for t in tasks {
        applied += t.await??;
    }
    let secs = started.elapsed().as_secs_f64();
    let expected = push_clients * batches_per_client * BATCH;
    anyhow::ensure!(applied == expected, "{applied} of {expected} applied");
    let rate = applied as f64 / secs;
    println!(
        "{label:>10}  push:   {rate:>9.0} ops/s  ({applied} ops in batches of {BATCH} from {push_clients} clients, {secs:.1} s; target 20000 on SQLite) {}",
        if label == "SQLite" {
            verdict(rate >= 20_000.0)
        } else {
            "[no target]"
        }
    );

    let key = label.to_lowercase();
    let mut figures = vec![figure(
        format!("server.{key}.push"),
        format!("server ingest on {label}, batches of {BATCH} from {push_clients} clients"),
        rate,
        "ops/s",
        (label == "SQLite").then_some(20_000.0),
        false,
    )];

    let cases = open_cases(&base, case_count).await?;
    let readers = sign_in_many(&base, READ_CONNECTIONS).await?;
    let deadline = Instant::now() + Duration::from_secs(read_seconds);
    let started = Instant::now();
    let tasks: Vec<_> = readers
        .into_iter()
        .enumerate()
        .map(|(n, client)| {
            let base = base.clone();
            let cases = cases.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut i = n * 7919;
                while Instant::now() < deadline {
                    let id = cases[i % cases.len()];
                    i += 1;
                    let t = Instant::now();
                    let res = client
                        .get(format!("{base}/api/sync/v1/cases/{id}/status"))
                        .send()
                        .await?;
                    anyhow::ensure!(res.status() == 200, "status read: {}", res.status());
                    res.bytes().await?;
                    latencies.push(t.elapsed());
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let (p50, p99) = (pct(0.50), pct(0.99));
    let rate = latencies.len() as f64 / secs;
    println!(
        "{label:>10}  status: {rate:>9.0} reads/s  p50 {:.2} ms  p99 {:.2} ms  ({READ_CONNECTIONS} connections, {case_count} cases; targets 5000/s, p99 < 10 ms) {}",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        verdict(rate >= 5_000.0 && p99 < Duration::from_millis(10))
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    figures.push(figure(
        format!("server.{key}.status_reads"),
        format!("case-status reads on {label}, {READ_CONNECTIONS} connections"),
        rate,
        "reads/s",
        Some(5_000.0),
        false,
    ));
    figures.push(figure(
        format!("server.{key}.status_p99"),
        format!("case-status read p99 on {label}"),
        ms(p99),
        "ms",
        Some(10.0),
        true,
    ));
    figures.push(figure(
        format!("server.{key}.status_p50"),
        format!("case-status read p50 on {label}"),
        ms(p50),
        "ms",
        None,
        true,
    ));
    Ok(figures)
}

fn verdict(met: bool) -> &'static str {
    if met { "[met]" } else { "[MISSED]" }
}

/// `n` clients signed in as the demo helper, each with its own connection pool.
async fn sign_in_many(base: &str, n: usize) -> anyhow::Result<Vec<reqwest::Client>> {
    let mut clients = Vec::with_capacity(n);
    for _ in 0..n {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .pool_max_idle_per_host(1)
            .build()?;
        let res = client
            .post(format!("{base}/api/auth/login"))
            .json(&json!({ "username": "helper", "password": server::demo::DEMO_PASSWORD }))
            .send()
            .await?;
        anyhow::ensure!(res.status() == 200, "sign-in: {}", res.status());
        clients.push(client);
    }
    Ok(clients)
}

fn op(body: OpBody) -> Operation {
    Operation {
        id: OpId(Uuid::now_v7()),
        made_at: Utc::now(),
        body,
    }
}

fn household_body(id: HouseholdId) -> serde_json::Value {
    server::demo::one_person_household(id, GRID, "毛家村")
}

fn create_household() -> Operation {
    let id = HouseholdId(Uuid::now_v7());
    op(OpBody::CreateHousehold {
        id,
        body: household_body(id),
    })
}

async fn push(
    client: &reqwest::Client,
    base: &str,
    device: DeviceId,
    ops: Vec<Operation>,
) -> anyhow::Result<usize> {
    let res: PushResponse = client
        .post(format!("{base}/api/sync/v1/push"))
        .json(&PushRequest { device, ops })
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(res
        .results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Applied { .. }))
        .count())
}

/// Households with a draft case each, for the status reads.
async fn open_cases(base: &str, case_count: usize) -> anyhow::Result<Vec<Uuid>> {
    let client = sign_in_many(base, 1).await?.remove(0);
    let device = DeviceId(Uuid::now_v7());
    let mut cases = Vec::with_capacity(case_count);
    for _ in 0..case_count / (BATCH / 2) {
        let mut ops = Vec::with_capacity(2 * BATCH);
        for _ in 0..BATCH / 2 {
            let (household, case) = (HouseholdId(Uuid::now_v7()), CaseId(Uuid::now_v7()));
            ops.push(op(OpBody::CreateHousehold {
                id: household,
                body: household_body(household),
            }));
            ops.push(op(OpBody::CreateCase {
                id: case,
                household,
                channel: Channel::Entrusted,
                applicant: None,
                referred_by: None,
            }));
            cases.push(case.0);
        }
        let applied = push(&client, base, device, ops).await?;
        anyhow::ensure!(applied == BATCH, "opening cases: {applied} of {BATCH}");
    }
    Ok(cases)
}
