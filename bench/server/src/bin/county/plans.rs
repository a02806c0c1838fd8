//! The query plans of the main queries the supervision pages run (copied from main's
//! `server/src/pages/dashboard/query.rs`, `checks/gather.rs`, `registry/gather.rs`,
//! `county/helper_report_rows.rs` and `county/roster.rs`, with the values the county
//! supervisor's request binds), printed so a reader sees index use, and each query's own time
//! and row count, so a page that misses its target shows which query dominates.

use std::time::Instant;

use chrono::Utc;
use domain::clocks::china_date;
use server::db::Db;
use sqlx::Row;

/// A bound value.
enum Bind {
    Text(String),
    Bool(bool),
}

fn text(s: impl Into<String>) -> Bind {
    Bind::Text(s.into())
}

fn bound<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Bind::Text(s) => q.bind(s.as_str()),
            Bind::Bool(v) => q.bind(*v),
        };
    }
    q
}

/// Prints each query's plan and time on `db` (`label` names the database). The county
/// supervisor's filter (`place_code LIKE '500231%'`) matches every row of a one-county
/// installation, so a scan is the plan a database should choose for it; the township leader's
/// dashboard query shows the index a narrower filter uses.
pub async fn print(db: &Db, label: &str) -> anyhow::Result<()> {
    let sqlite = label == "SQLite";
    let today = china_date(Utc::now());
    let year_from = (today - chrono::Duration::days(364)).to_string();
    let soon = (today + chrono::Duration::days(3)).to_string();
    let county = || text("500231%");
    let queries: Vec<(&str, String, Vec<Bind>)> = vec![
        (
            "dashboard: cases of the year",
            "SELECT p.case_id, p.state, p.township_code, p.channel, \
             CAST(p.submitted_on AS TEXT), CAST(p.answered_on AS TEXT), \
             CAST(p.accepted_on AS TEXT), CAST(p.routed_on AS TEXT), \
             CAST(p.decided_on AS TEXT), CAST(p.told_on AS TEXT), \
             p.decision_limit_days, p.rating FROM case_projection p \
             WHERE p.place_code LIKE $1 AND p.created_on >= date($2) AND p.created_on <= date($3) \
             ORDER BY p.case_id"
                .into(),
            vec![county(), text(&year_from), text(today.to_string())],
        ),
        (
            "dashboard: items of the year's cases",
            "SELECT i.case_id, i.item FROM case_projection_items i \
             JOIN case_projection p ON p.case_id = i.case_id WHERE p.place_code LIKE $1 \
             AND p.created_on >= date($2) AND p.created_on <= date($3) ORDER BY i.case_id, i.item"
                .into(),
            vec![county(), text(&year_from), text(today.to_string())],
        ),
        (
            "dashboard of a township's leader (沙坪镇): cases of the year",
            "SELECT p.case_id, p.state, p.township_code, p.channel, \
             CAST(p.submitted_on AS TEXT), CAST(p.answered_on AS TEXT), \
             CAST(p.accepted_on AS TEXT), CAST(p.routed_on AS TEXT), \
             CAST(p.decided_on AS TEXT), CAST(p.told_on AS TEXT), \
             p.decision_limit_days, p.rating FROM case_projection p \
             WHERE p.township_code = $1 AND p.created_on >= date($2) AND p.created_on <= date($3) \
             ORDER BY p.case_id"
                .into(),
            vec![text("500231101"), text(&year_from), text(today.to_string())],
        ),
        (
            "dashboard: clocks near or past",
            "SELECT p.case_id, p.township_code, CAST(p.route_by AS TEXT), \
             CAST(p.notify_by AS TEXT), p.first_asker \
             FROM case_projection p WHERE p.deadline_on IS NOT NULL AND p.deadline_on <= date($2) \
             AND p.place_code LIKE $1"
                .into(),
            vec![county(), text(&soon)],
        ),
        (
            "dashboard: items' clocks near or past",
            "SELECT i.case_id, i.item, i.department, i.step, CAST(i.deadline_on AS TEXT) \
             FROM case_projection_items i JOIN case_projection p ON p.case_id = i.case_id \
             WHERE p.deadline_on IS NOT NULL AND p.deadline_on <= date($2) AND p.place_code LIKE $1 \
             AND i.deadline_on IS NOT NULL AND i.step IS NOT NULL"
                .into(),
            vec![county(), text(&soon)],
        ),
        (
            "dashboard: helpers' activity",
            "SELECT place_code, kind, COUNT(*) FROM records \
             WHERE kind IN ('entrustment', 'visit', 'evaluation') AND place_code LIKE $1 \
             AND COALESCE(made_at, updated_at) >= $2 AND COALESCE(made_at, updated_at) < $3 \
             GROUP BY place_code, kind"
                .into(),
            vec![county(), text(&year_from), text(&soon)],
        ),
        (
            "checks, registry: household bodies",
            "SELECT id, body FROM records WHERE kind = 'household' AND place_code LIKE $1".into(),
            vec![county()],
        ),
        (
            "checks: projection of the county's cases",
            "SELECT case_id, household_id, township_code, village_code, first_asker, \
             CAST(routed_on AS TEXT), CAST(decided_on AS TEXT), CAST(told_on AS TEXT), \
             CAST(closed_on AS TEXT), rating FROM case_projection \
             WHERE place_code LIKE $1 AND state <> 'draft'"
                .into(),
            vec![county()],
        ),
        (
            "checks, registry, helper report: case bodies",
            "SELECT id, body FROM records WHERE kind = 'case' AND place_code LIKE $1".into(),
            vec![county()],
        ),
        (
            "registry: decided cases",
            "SELECT case_id, CAST(created_on AS TEXT), CAST(submitted_on AS TEXT) FROM case_projection \
             WHERE place_code LIKE $1 AND decided_on IS NOT NULL"
                .into(),
            vec![county()],
        ),
        (
            "helper report: entrustments",
            "SELECT scope, body FROM records WHERE kind = 'entrustment' AND place_code LIKE $1"
                .into(),
            vec![county()],
        ),
        (
            "roster: helpers",
            "SELECT display_name, phone, place_code, id_number, staff_category FROM users \
             WHERE role = 'helper' AND disabled = $1 AND place_code LIKE $2 \
             ORDER BY place_code, display_name"
                .into(),
            vec![Bind::Bool(false), county()],
        ),
    ];
    println!(
        "\n{label}: query plans ({}) and each query's own time",
        if sqlite {
            "EXPLAIN QUERY PLAN"
        } else {
            "EXPLAIN"
        }
    );
    for (name, sql, binds) in &queries {
        let explain = if sqlite {
            format!("EXPLAIN QUERY PLAN {sql}")
        } else {
            format!("EXPLAIN {sql}")
        };
        let rows = bound(sqlx::query(&explain), binds)
            .fetch_all(db.pool())
            .await?;
        let t = Instant::now();
        let n = bound(sqlx::query(sql), binds)
            .fetch_all(db.pool())
            .await?
            .len();
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!("  {name}: {n} rows in {ms:.0} ms");
        for row in rows {
            let line: String = row.try_get(if sqlite { 3 } else { 0 })?;
            println!("      {line}");
        }
    }
    Ok(())
}
