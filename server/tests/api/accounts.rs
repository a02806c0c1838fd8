//! The admin command line's account work: create, reset, disable, import.

use server::accounts::{self, NewUser};

use crate::helpers::{Backend, spawn_app_on};

fn staff(username: &str, role: &str, place: &str, department: Option<&str>) -> NewUser {
    NewUser {
        username: Some(username.to_owned()),
        display_name: "测试员".to_owned(),
        role: role.to_owned(),
        place: place.to_owned(),
        department: department.map(str::to_owned),
        phone: None,
        password: None,
    }
}

async fn login(app: &crate::helpers::TestApp, user: &str, pw: &str) -> reqwest::StatusCode {
    app.client()
        .post(app.url("/api/auth/login"))
        .json(&serde_json::json!({"username": user, "password": pw}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn a_created_account_signs_in_with_its_generated_password(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (_, pw) = accounts::create_user(&app.db, &staff("w2", "window_clerk", "500231001", None))
        .await
        .unwrap();
    let pw = pw.expect("generated");
    assert_eq!(pw.len(), 16);
    assert_eq!(login(&app, "w2", &pw).await, 200);
}

async fn accounts_that_break_the_rules_are_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for (user, why) in [
        (
            staff("o2", "department_officer", "500231", None),
            "officer without a department",
        ),
        (
            staff("o3", "department_officer", "500231", Some("nope")),
            "unknown department",
        ),
        (
            staff("h2", "helper", "500231", None),
            "helper at county level",
        ),
        (
            staff("h3", "helper", "500231999999", None),
            "place not in the tree",
        ),
        (
            staff("clerk", "window_clerk", "500231001", None),
            "username taken",
        ),
        (staff("x", "wizard", "500231", None), "unknown role"),
        (
            NewUser {
                password: Some("short".into()),
                ..staff("h4", "helper", "500231101201", None)
            },
            "short password",
        ),
        (
            NewUser {
                username: None,
                ..staff("r", "resident", "500231101201-G01", None)
            },
            "resident without phone",
        ),
    ] {
        assert!(
            accounts::create_user(&app.db, &user).await.is_err(),
            "{why}"
        );
    }
}

async fn resetting_a_password_ends_the_old_sessions(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.sign_in("verifier").await;
    let pw = accounts::reset_password(&app.db, "verifier", None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        client
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        login(&app, "verifier", server::demo::DEMO_PASSWORD).await,
        401
    );
    assert_eq!(login(&app, "verifier", &pw).await, 200);
    accounts::set_disabled(&app.db, "verifier", true)
        .await
        .unwrap();
    assert_eq!(login(&app, "verifier", &pw).await, 401);
    accounts::set_disabled(&app.db, "verifier", false)
        .await
        .unwrap();
    assert_eq!(login(&app, "verifier", &pw).await, 200);
}

async fn importing_places_is_all_or_nothing_and_names_the_bad_line(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let count = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM places")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        n
    };
    let before = count().await;
    let bad = "code,parent_code,level,name_zh,name_en,population\n\
               500231102,500231,township,太平镇,Taiping Town,\n\
               500231102201,500231999,village,新村,Xin Village,900\n";
    let err = accounts::import_places(&app.db, bad)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3"), "{err}");
    assert_eq!(count().await, before);
    let good = "code,parent_code,level,name_zh,name_en,population\n\
                500231102,500231,township,太平镇,Taiping Town,\n\
                500231102201,500231102,village,新村,Xin Village,900\n\
                500231102201-G01,500231102201,grid,新村第1网格,Xin Grid 1,\n";
    assert_eq!(accounts::import_places(&app.db, good).await.unwrap(), 3);
    assert_eq!(count().await, before + 3);
    assert!(
        accounts::import_places(&app.db, good).await.is_err(),
        "no duplicates"
    );
}

async fn importing_staff_gives_each_a_password_or_writes_nobody(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let bad = "username,display_name,role,place_code,department_code,phone\n\
               w5,王五,window_clerk,500231001,,\n\
               o5,赵六,department_officer,500231,,\n";
    let err = accounts::import_staff(&app.db, bad)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3"), "{err}");
    assert_eq!(login(&app, "w5", "anything-at-all").await, 401);
    let good = "username,display_name,role,place_code,department_code,phone\n\
                w5,王五,window_clerk,500231001,,\n\
                o5,赵六,department_officer,500231,medical_security,\n";
    let made = accounts::import_staff(&app.db, good).await.unwrap();
    assert_eq!(made.len(), 2);
    for (user, pw) in made {
        assert_eq!(login(&app, &user, &pw).await, 200, "{user}");
    }
}

#[tokio::test]
async fn the_command_line_creates_an_account() {
    let dir = std::env::temp_dir().join(format!("onedoor-cli-{}", uuid::Uuid::now_v7()));
    let url = format!("sqlite://{}/cli.db", dir.display());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"))
            .args(["--database-url", &url])
            .args(args)
            .output()
            .unwrap()
    };
    // A fresh database has no places: the first command migrates, the import adds the tree.
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("places.csv");
    std::fs::write(&csv, "code,parent_code,level,name_zh,name_en,population\n500231,,county,垫江县,Dianjiang County,\n").unwrap();
    let out = run(&["import", "places", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "user",
        "create",
        "--username",
        "sup2",
        "--display-name",
        "督导",
        "--role",
        "supervisor",
        "--place",
        "500231",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("initial password"), "{stdout}");
    let out = run(&[
        "user",
        "create",
        "--username",
        "sup2",
        "--display-name",
        "督导",
        "--role",
        "supervisor",
        "--place",
        "500231",
    ]);
    assert!(!out.status.success(), "a taken username is refused");
    let _ = std::fs::remove_dir_all(dir);
}

/// `onedoor import staff` reads the roster's 身份证号码 and 人员类别 (by code or Chinese name)
/// and checks each row as the admin's form does (`domain::staff::validate_staff`).
async fn importing_staff_reads_the_rosters_id_number_and_category(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let head = "username,display_name,role,place_code,department_code,phone,身份证号码,人员类别\n";
    for (bad, why) in [
        (
            "h7,周七,helper,500231101201,,,500231197809200039,网格员\n",
            "id_number",
        ),
        ("h7,周七,helper,500231101201,,,,boss\n", "category_unknown"),
        ("h7,周七,helper,500231101,,,,\n", "place"),
    ] {
        let csv = format!("{head}g7,郑七,helper,500231101202,,,,\n{bad}");
        let err = accounts::import_staff(&app.db, &csv)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3") && err.contains(why), "{err}");
        assert!(!err.contains("500231197809200039"), "no ID number in {err}");
        assert_eq!(login(&app, "g7", "anything-at-all").await, 401);
    }
    let csv = format!(
        "{head}h7,周七,helper,500231101201,,13922223333,500231197809200038,网格员\n\
         h8,吴八,helper,500231101202,,,,social_worker\n"
    );
    let made = accounts::import_staff(&app.db, &csv).await.unwrap();
    assert_eq!(made.len(), 2);
    let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT username, id_number, staff_category FROM users \
         WHERE username IN ('h7', 'h8') ORDER BY username",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            (
                "h7".to_owned(),
                Some("500231197809200038".to_owned()),
                Some("grid_worker".to_owned())
            ),
            ("h8".to_owned(), None, Some("social_worker".to_owned())),
        ]
    );
}

crate::backend_tests!(
    importing_staff_reads_the_rosters_id_number_and_category,
    a_created_account_signs_in_with_its_generated_password,
    accounts_that_break_the_rules_are_refused,
    resetting_a_password_ends_the_old_sessions,
    importing_places_is_all_or_nothing_and_names_the_bad_line,
    importing_staff_gives_each_a_password_or_writes_nobody,
);
