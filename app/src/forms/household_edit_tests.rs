use domain::sync::{PathSeg, apply_changes};
use proptest::prelude::*;
use serde_json::{Value, json};
use uuid::Uuid;

use super::*;
use crate::forms::intake::members::tests::wang_and_chen;
use crate::forms::intake::members::{HouseholdDraft, MemberDraft};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

/// 王秀英 and her husband 陈德华, his pension of 420 yuan.
fn registered() -> Household {
    wang_and_chen().to_household(today()).unwrap()
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_owned())
}

fn id(i: &str) -> PathSeg {
    PathSeg::Id { id: i.to_owned() }
}

fn monthly_path() -> Vec<PathSeg> {
    vec![key("income"), id("pension"), key("monthly")]
}

#[test]
fn a_household_read_into_the_form_and_back_unchanged_sends_nothing() {
    let before = registered();
    let after = HouseholdDraft::from_household(&before)
        .to_household(today())
        .unwrap();
    assert!(changes(&before, &after).is_empty());
}

#[test]
fn only_the_changed_fields_go_each_with_the_value_it_replaces() {
    let before = registered();
    let mut draft = HouseholdDraft::from_household(&before);
    draft.income[0].yuan = "600".to_owned();
    let mut son = MemberDraft::new(Uuid::from_u128(3), false);
    son.name = "陈浩".to_owned();
    son.id_number = "500231201003053015".to_owned();
    son.relation = "child".to_owned();
    draft.members.push(son);
    let after = draft.to_household(today()).unwrap();

    let sent = changes(&before, &after);
    assert_eq!(sent.len(), 2, "{sent:?}");
    let income = sent.iter().find(|c| c.path == monthly_path()).unwrap();
    assert_eq!(
        (income.old.clone(), income.new.clone()),
        (Some(json!(42_000)), Some(json!(60_000)))
    );
    let added = sent.iter().find(|c| c.path.len() == 2).unwrap();
    assert_eq!(
        added.path,
        vec![key("members"), id(&Uuid::from_u128(3).to_string())]
    );
    assert_eq!(added.old, None);
    // Applied where the township still holds the registered copy, it makes the helper's.
    let applied = apply_changes(&serde_json::to_value(&before).unwrap(), &sent).unwrap();
    let applied: Household = serde_json::from_value(applied).unwrap();
    assert_eq!(applied.members.len(), 3);
    assert_eq!(applied.monthly_income().0, 60_000);
}

/// The township changed the pension to 500 meanwhile; the helper typed 600 and a new address.
fn conflict() -> (Value, Value, Refusal) {
    let before = serde_json::to_value(registered()).unwrap();
    let mut theirs = before.clone();
    theirs["income"][0]["monthly"] = json!(50_000);
    let mut mine = before.clone();
    mine["income"][0]["monthly"] = json!(60_000);
    mine["address"] = json!("沙坪镇毛家村3组14号");
    let sent = diff(&before, &mine);
    let fields = apply_changes(&theirs, &sent).unwrap_err();
    (
        mine,
        theirs,
        Refusal {
            changes: sent,
            fields,
        },
    )
}

#[test]
fn keeping_mine_goes_over_the_townships_value_and_keeps_the_rest_of_the_edit() {
    let (mine, theirs, refusal) = conflict();
    assert_eq!(refusal.fields.len(), 1);
    assert_eq!(refusal.fields[0].path, monthly_path());
    let again = refusal.resolved(&[true]);
    let server = apply_changes(&theirs, &again).unwrap();
    assert_eq!(server, mine);
    assert_eq!(refusal.settled(&mine, &[true]), mine);
}

#[test]
fn taking_theirs_drops_that_field_only() {
    let (mine, theirs, refusal) = conflict();
    let again = refusal.resolved(&[false]);
    let server = apply_changes(&theirs, &again).unwrap();
    assert_eq!(server["income"][0]["monthly"], json!(50_000));
    assert_eq!(server["address"], mine["address"]);
    assert_eq!(refusal.settled(&mine, &[false]), server);
}

#[test]
fn a_refusal_for_another_reason_goes_again_unchanged() {
    let (_, _, mut refusal) = conflict();
    refusal.fields.clear();
    assert_eq!(refusal.resolved(&[]), refusal.changes);
}

#[test]
fn fields_are_named_for_the_helper_with_names_masked() {
    let h = registered();
    let chen = Uuid::from_u128(2).to_string();
    assert_eq!(
        field_name(&monthly_path(), &h, false),
        "收入 养老金 · 每月金额"
    );
    assert_eq!(
        field_name(&monthly_path(), &h, true),
        "Income Pension · Monthly amount"
    );
    assert_eq!(
        field_name(&[key("members"), id(&chen), key("health")], &h, false),
        "成员 陈*华 · 健康状况"
    );
    assert_eq!(
        field_name(&[key("members"), id("x")], &h, false),
        "成员 新成员"
    );
    assert_eq!(field_name(&[key("address")], &h, false), "家庭住址");
}

#[test]
fn values_read_as_the_form_shows_them() {
    let h = registered();
    let chen = Uuid::from_u128(2).to_string();
    assert_eq!(
        value_text(&monthly_path(), Some(&json!(60_000)), &h, false),
        "600.00 元"
    );
    assert_eq!(value_text(&monthly_path(), None, &h, false), "（无）");
    let health = [key("members"), id(&chen), key("health")];
    assert_eq!(
        value_text(&health, Some(&json!("chronic_illness")), &h, false),
        "慢性病"
    );
    let whose = [key("income"), id("pension"), key("member")];
    assert_eq!(value_text(&whose, Some(&json!(chen)), &h, false), "陈*华");
    assert_eq!(value_text(&whose, Some(&Value::Null), &h, false), "全家");
    let line = json!({"id": "w", "kind": "wages", "monthly": 80_000, "member": null, "note": ""});
    assert_eq!(
        value_text(&[key("income"), id("w")], Some(&line), &h, false),
        "工资性收入 · 全家 · 800.00 元"
    );
    let son = json!({"id": "s", "name": "陈浩", "relation": "child"});
    assert_eq!(
        value_text(&[key("members"), id("s")], Some(&son), &h, false),
        "陈* 子女"
    );
    assert_eq!(
        value_text(&[key("housing_damaged")], Some(&json!(true)), &h, false),
        "是"
    );
}

/// Fields either side may change: the address, whether the home is damaged, the pension,
/// and a new income line.
fn edit(base: &Value, which: &[bool; 4], n: i64) -> Value {
    let mut v = base.clone();
    if which[0] {
        v["address"] = json!(format!("毛家村{n}号"));
    }
    if which[1] {
        v["housing_damaged"] = json!(n % 2 == 0);
    }
    if which[2] {
        v["income"][0]["monthly"] = json!(n * 100);
    }
    if which[3] {
        let line = json!({"id": format!("line-{n}"), "kind": "wages", "monthly": n, "member": null, "note": ""});
        v["income"].as_array_mut().unwrap().push(line);
    }
    v
}

proptest! {
    /// Whatever both sides changed, the choice sent again applies where the township is now,
    /// and each field ends as chosen: the helper's value where they kept theirs, the
    /// township's where they took it, every field only one side changed as that side left it.
    #[test]
    fn any_choice_applies_and_every_field_ends_as_chosen(
        mine_which in any::<[bool; 4]>(),
        theirs_which in any::<[bool; 4]>(),
        keep in proptest::collection::vec(any::<bool>(), 4),
        a in 1i64..10_000,
        b in 10_000i64..20_000,
    ) {
        let base = serde_json::to_value(registered()).unwrap();
        let mine = edit(&base, &mine_which, a);
        let theirs = edit(&base, &theirs_which, b);
        let sent = diff(&base, &mine);
        let Err(fields) = apply_changes(&theirs, &sent) else {
            return Ok(()); // no conflict: nothing to resolve
        };
        let refusal = Refusal { changes: sent.clone(), fields };
        let keep = &keep[..refusal.fields.len().min(keep.len())];
        let server = apply_changes(&theirs, &refusal.resolved(keep));
        prop_assert!(server.is_ok(), "{:?}", server);
        let server = server.unwrap();
        for (i, f) in refusal.fields.iter().enumerate() {
            let chosen = if keep.get(i).copied().unwrap_or(false) { &f.yours } else { &f.theirs };
            let holds = apply_changes(&server, &[FieldChange { path: f.path.clone(), old: chosen.clone(), new: chosen.clone() }]);
            prop_assert!(holds.is_ok(), "{:?} is not as chosen", f.path);
        }
        // The phone's copy after the choice differs from the helper's only where they took
        // the township's value (the township's other changes come with the next pull).
        let settled = refusal.settled(&mine, keep);
        for c in diff(&mine, &settled) {
            let i = refusal.fields.iter().position(|f| f.path == c.path);
            prop_assert!(i.is_some_and(|i| !keep.get(i).copied().unwrap_or(false)), "{:?}", c.path);
            prop_assert_eq!(c.new, refusal.fields[i.unwrap()].theirs.clone());
        }
    }
}
