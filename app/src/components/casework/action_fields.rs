//! The fields of each action's form in the case workspace: the item, the materials a notice
//! names with their reasons, the referral, the amount, the working days, the reason. Every
//! change goes to the action's draft (kept per case), so nothing typed is lost.

use domain::catalogue::{AidItemCode, ReferralKind};
use domain::department::DepartmentCode;
use domain::workflow::CommandKind;
use leptos::prelude::*;

use super::Loaded;
use crate::components::catalogue::catalogue;
use crate::forms::casework::{ActionDraft, chosen_routing, item_choices, names_item};
use crate::i18n::{t, use_i18n};
use crate::staff_view::MaterialProvided;

/// The fields of one action's form.
pub(super) fn action_fields(
    kind: CommandKind,
    l: &Loaded,
    department: Option<&DepartmentCode>,
    draft: RwSignal<ActionDraft>,
    edit: impl Fn(&dyn Fn(&mut ActionDraft)) + Clone + Send + Sync + 'static,
) -> AnyView {
    let i18n = use_i18n();
    let c = catalogue();
    let item_name = |code: &AidItemCode| c.item(code).map_or(code.0.clone(), |i| i.name_zh.clone());
    let mut parts: Vec<AnyView> = Vec::new();

    if names_item(kind) {
        let choices = item_choices(kind, &l.record.case, department);
        if choices.len() == 1 && draft.with_untracked(|d| d.item.is_empty()) {
            let only = choices[0].0.clone();
            draft.update(|d| d.item = only);
        }
        let e = edit.clone();
        parts.push(view! {
            <label class="field">
                <span>{t!(i18n, desk.item)}</span>
                <select name="item" data-testid="action-item"
                    on:change=move |ev| { let v = event_target_value(&ev); e(&|d: &mut ActionDraft| d.item = v.clone()); }>
                    <option value="" selected=move || draft.with(|d| d.item.is_empty())>{t!(i18n, desk.choose)}</option>
                    {choices.iter().map(|code| {
                        let v = code.0.clone();
                        let sel = v.clone();
                        view! { <option value=v selected=move || draft.with(|d| d.item == sel)>{item_name(code)}</option> }
                    }).collect_view()}
                </select>
            </label>
        }.into_any());
    }

    match kind {
        CommandKind::RequestSupplement | CommandKind::UrgentAccept => {
            let rows = l.detail.materials.iter().map(|m| {
                let code = m.code.0.clone();
                let provided = !matches!(m.provided, MaterialProvided::Missing);
                let outstanding = l.detail.outstanding.contains(&m.code);
                let (c1, c2, c3, c4) = (code.clone(), code.clone(), code.clone(), code.clone());
                let (e1, e2) = (edit.clone(), edit.clone());
                let ticked = move || outstanding || draft.with(|d| d.missing.iter().any(|(x, _)| *x == c1));
                view! {
                    <li class="notice-material" data-material=c4>
                        <label class="check">
                            <input type="checkbox" prop:checked=ticked disabled=outstanding
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let code = c2.clone();
                                    e1(&|d: &mut ActionDraft| {
                                        d.missing.retain(|(x, _)| *x != code);
                                        if on { d.missing.push((code.clone(), String::new())); }
                                    });
                                }/>
                            {m.name.clone()}
                            {if provided { " （已提供）" } else { " （未提供）" }}
                        </label>
                        <input type="text" class="notice-reason" placeholder="缺少或不合格的原因"
                            prop:value=move || draft.with(|d| d.missing.iter().find(|(x, _)| *x == c3).map(|(_, n)| n.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                let code = code.clone();
                                e2(&|d: &mut ActionDraft| {
                                    match d.missing.iter_mut().find(|(x, _)| *x == code) {
                                        Some(entry) => entry.1 = v.clone(),
                                        None => d.missing.push((code.clone(), v.clone())),
                                    }
                                });
                            }/>
                    </li>
                }
            }).collect_view();
            parts.push(
                view! {
                    <fieldset class="notice-materials">
                        <legend>{t!(i18n, desk.notice_materials)}</legend>
                        <p class="hint">{t!(i18n, desk.one_notice_hint)}</p>
                        <ul>{rows}</ul>
                    </fieldset>
                }
                .into_any(),
            );
            if kind == CommandKind::UrgentAccept {
                let e = edit.clone();
                parts.push(view! {
                    <label class="check">
                        <input type="checkbox" data-testid="flagged-urgent"
                            prop:checked=move || draft.with(|d| d.flagged_urgent)
                            on:change=move |ev| { let on = event_target_checked(&ev); e(&|d: &mut ActionDraft| d.flagged_urgent = on); }/>
                        {t!(i18n, desk.flag_urgent)}
                    </label>
                }.into_any());
            }
        }
        CommandKind::NotAccept => {
            let (e1, e2) = (edit.clone(), edit.clone());
            parts.push(view! {
                <label class="field">
                    <span>{t!(i18n, desk.referral)}</span>
                    <input type="text" name="referral" data-testid="referral"
                        prop:value=move || draft.with(|d| d.referral.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); e1(&|d: &mut ActionDraft| d.referral = v.clone()); }/>
                </label>
                <label class="field">
                    <span>{t!(i18n, desk.referral_kind)}</span>
                    <select name="referral_kind" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let k = [ReferralKind::OtherDepartment, ReferralKind::ConvenienceService, ReferralKind::GovernmentService]
                            .into_iter().find(|k| format!("{k:?}") == v);
                        e2(&|d: &mut ActionDraft| d.referral_kind = k);
                    }>
                        {[ReferralKind::OtherDepartment, ReferralKind::ConvenienceService, ReferralKind::GovernmentService].into_iter().map(|k| view! {
                            <option value=format!("{k:?}") selected=move || draft.with(|d| d.referral_kind.unwrap_or_default() == k)>{k.name_zh()}</option>
                        }).collect_view()}
                    </select>
                </label>
            }.into_any());
        }
        CommandKind::Decide => {
            let (e1, e2, e3) = (edit.clone(), edit.clone(), edit.clone());
            parts.push(
                view! {
                    <fieldset class="choice">
                        <label class="check">
                            <input type="radio" name="outcome" value="approve" data-testid="approve"
                                prop:checked=move || draft.with(|d| !d.deny)
                                on:change=move |_| e1(&|d: &mut ActionDraft| d.deny = false)/>
                            {t!(i18n, desk.approve)}
                        </label>
                        <label class="check">
                            <input type="radio" name="outcome" value="deny" data-testid="deny"
                                prop:checked=move || draft.with(|d| d.deny)
                                on:change=move |_| e2(&|d: &mut ActionDraft| d.deny = true)/>
                            {t!(i18n, desk.deny)}
                        </label>
                    </fieldset>
                    <Show when=move || draft.with(|d| !d.deny)>
                        <AmountFields draft edit=e3.clone()/>
                    </Show>
                }
                .into_any(),
            );
        }
        CommandKind::ExtendDeadline => {
            let e = edit.clone();
            parts.push(view! {
                <label class="field">
                    <span>{t!(i18n, desk.extend_days)}</span>
                    <input type="number" min="1" inputmode="numeric" name="days" data-testid="extend-days"
                        prop:value=move || draft.with(|d| d.days.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); e(&|d: &mut ActionDraft| d.days = v.clone()); }/>
                </label>
            }.into_any());
        }
        CommandKind::Reroute => {
            let e = edit.clone();
            parts.push(view! {
                <label class="field">
                    <span>{t!(i18n, desk.reroute_to)}</span>
                    <select name="department" data-testid="reroute-to"
                        on:change=move |ev| { let v = event_target_value(&ev); e(&|d: &mut ActionDraft| d.department = v.clone()); }>
                        <option value="">{t!(i18n, desk.choose)}</option>
                        {c.departments().iter().map(|dep| {
                            let v = dep.code.as_str().to_owned();
                            let sel = v.clone();
                            view! { <option value=v selected=move || draft.with(|d| d.department == sel)>{dep.name_zh.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }.into_any());
        }
        CommandKind::ResolveObjection => {
            let (e1, e2) = (edit.clone(), edit.clone());
            parts.push(view! {
                <label class="field">
                    <span>{t!(i18n, desk.objection)}</span>
                    <input type="number" min="1" name="objection"
                        prop:value=move || draft.with(|d| d.objection.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); e1(&|d: &mut ActionDraft| d.objection = v.clone()); }/>
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || draft.with(|d| d.upheld)
                        on:change=move |ev| { let on = event_target_checked(&ev); e2(&|d: &mut ActionDraft| d.upheld = on); }/>
                    {t!(i18n, desk.upheld)}
                </label>
            }.into_any());
        }
        CommandKind::Route => {
            let proposal = domain::routing::route(
                c,
                l.record.case.requested_items(),
                l.record.case.primary_item(),
                domain::routing::HardshipFacts::default(),
            );
            let dept_name = move |d: &DepartmentCode| {
                c.department(d)
                    .map_or(d.as_str().to_owned(), |x| x.name_zh.clone())
            };
            parts.push(match proposal {
                Ok(r) => {
                    let proposal = r.to_workflow();
                    let chosen = {
                        let proposal = proposal.clone();
                        Memo::new(move |_| draft.with(|d| chosen_routing(d, &proposal)))
                    };
                    let lines = proposal.items.iter().map(|(item, _)| {
                        let item = item.clone();
                        let e = edit.clone();
                        let choices = domain::routing::departments_for(c, &item);
                        let code = item.as_str().to_owned();
                        let (attr, select_name) = (code.clone(), format!("route-{code}"));
                        view! {
                            <li data-item=attr>
                                {item_name(&item)} " → "
                                <select name=select_name data-testid="route-department"
                                    aria-label=item_name(&item)
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let code = code.clone();
                                        e(&move |d: &mut ActionDraft| {
                                            d.routing.retain(|(i, _)| *i != code);
                                            d.routing.push((code.clone(), v.clone()));
                                        });
                                    }>
                                    {choices.into_iter().map(|dep| {
                                        let selected = {
                                            let (dep, item) = (dep.clone(), item.clone());
                                            move || chosen.with(|r| r.items.iter().any(|(i, d)| *i == item && *d == dep))
                                        };
                                        view! { <option value=dep.as_str().to_owned() selected=selected>{dept_name(&dep)}</option> }
                                    }).collect_view()}
                                </select>
                                {move || {
                                    let item = item.clone();
                                    chosen.with(|r| r.items.iter().any(|(i, d)| *i == item && *d == r.lead))
                                }.then_some(" （牵头）")}
                            </li>
                        }
                    }).collect_view();
                    let e = edit.clone();
                    let leads = move || {
                        let mut out: Vec<DepartmentCode> = chosen.with(|r| r.items.iter().map(|(_, d)| d.clone()).collect());
                        out.push(DepartmentCode::civil_affairs());
                        out.sort();
                        out.dedup();
                        out.into_iter().map(|dep| {
                            let value = dep.as_str().to_owned();
                            let selected = {
                                let dep = dep.clone();
                                move || chosen.with(|r| r.lead == dep)
                            };
                            view! { <option value=value selected=selected>{dept_name(&dep)}</option> }
                        }).collect_view()
                    };
                    view! {
                        <p class="hint">{t!(i18n, desk.route_hint)}</p>
                        <ul class="route-proposal" data-testid="route-proposal">{lines}</ul>
                        <label class="field">
                            <span>{t!(i18n, desk.route_lead)}</span>
                            <select name="route-lead" data-testid="route-lead"
                                on:change=move |ev| { let v = event_target_value(&ev); e(&|d: &mut ActionDraft| d.lead = v.clone()); }>
                                {leads}
                            </select>
                        </label>
                    }.into_any()
                }
                Err(e) => view! { <p class="error">{e.message_zh()}</p> }.into_any(),
            });
        }
        _ => {}
    }

    let e = edit.clone();
    let required = domain::workflow::reason_required(kind)
        || matches!(kind, CommandKind::Decide)
        || (kind == CommandKind::UrgentAccept);
    parts.push(view! {
        <label class="field">
            <span>
                {match kind {
                    CommandKind::Chase => t!(i18n, desk.chase_note).into_any(),
                    CommandKind::AnswerReview => t!(i18n, desk.review_answer).into_any(),
                    _ => t!(i18n, desk.reason).into_any(),
                }}
                {(!required).then(|| view! { " " <span class="hint">{t!(i18n, desk.optional)}</span> })}
            </span>
            <textarea name="reason" rows="3" data-testid="action-reason"
                prop:value=move || draft.with(|d| d.reason.clone())
                on:input=move |ev| { let v = event_target_value(&ev); e(&|d: &mut ActionDraft| d.reason = v.clone()); }></textarea>
        </label>
    }.into_any());
    parts.into_iter().collect_view().into_any()
}

/// The approved amount and whether it is paid monthly.
#[component]
fn AmountFields(
    draft: RwSignal<ActionDraft>,
    edit: impl Fn(&dyn Fn(&mut ActionDraft)) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let e1 = edit.clone();
    let e2 = edit;
    view! {
        <label class="field">
            <span>{t!(i18n, desk.amount)}</span>
            <input type="text" inputmode="decimal" name="amount" data-testid="amount"
                prop:value=move || draft.with(|d| d.amount.clone())
                on:input=move |ev| { let v = event_target_value(&ev); e1(&|d: &mut ActionDraft| d.amount = v.clone()); }/>
        </label>
        <label class="check">
            <input type="checkbox" data-testid="monthly" prop:checked=move || draft.with(|d| d.monthly)
                on:change=move |ev| { let on = event_target_checked(&ev); e2(&|d: &mut ActionDraft| d.monthly = on); }/>
            {t!(i18n, desk.monthly)}
        </label>
    }
}
