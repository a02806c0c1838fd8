//! What a case is: its state and who must act, the household, the items, every clock, the
//! materials beside what is required (each photo opens full size from the server, where the
//! browser zooms it), the household's authorizations, the printable forms and the history.

use leptos::prelude::*;

use super::Loaded;
use crate::components::tasks::DueLabel;
use crate::i18n::{t, use_i18n};
use crate::records::RecordState;
use crate::staff_view::MaterialProvided;

/// The facts of `loaded`.
#[component]
pub fn CaseFacts(loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let d = loaded.detail;
    let id = loaded.id;
    let sync_note = match (loaded.state, loaded.message) {
        (RecordState::Attention, message) => Some(
            view! {
                <p class="card error" role="alert" data-testid="case-refused">
                    {t!(i18n, desk.refused)} " " {message.unwrap_or_default()} " "
                    <a href="/sync">{t!(i18n, desk.see_sync)}</a>
                </p>
            }
            .into_any(),
        ),
        (RecordState::Saved | RecordState::Sending, _) => Some(
            view! {
                <p class="card notice" data-testid="case-unsent">{t!(i18n, desk.unsent)}</p>
            }
            .into_any(),
        ),
        (RecordState::Received, _) => None,
    };
    let printed = d.history.iter().map(|h| h.what).collect::<Vec<_>>();
    let has = |what: &str| printed.contains(&what);
    let prints = [
        (true, "registration", "登记表"),
        (
            has("一次性告知补正") || has("先行受理"),
            "notices/supplement",
            "补正材料告知书",
        ),
        (has("不予受理"), "notices/not-accepted", "不予受理告知书"),
        (
            has("反馈结果") || has("告知单项办理结果"),
            "notices/result",
            "办理结果告知书",
        ),
    ];
    view! {
        <section class="card case-head" data-testid="case-head">
            <h1>{t!(i18n, desk.case_title)} " " <span class="mono">{d.number.clone()}</span></h1>
            <p>
                <span class="badge" data-testid="case-state">{d.state_zh}</span>
                " " {t!(i18n, desk.waiting_on)} {d.pending_on.join("、")}
                {d.mine.then(|| view! { " " <span class="badge mine-badge">{t!(i18n, desk.mine)}</span> })}
            </p>
            {d.first_asker.clone().map(|who| view! {
                <p data-testid="first-asker">{t!(i18n, desk.first_asker)} {who}</p>
            })}
            {d.referred_by.clone().map(|from| view! {
                <p data-testid="referred-by">{t!(i18n, desk.referred_by)} {from}</p>
            })}
        </section>
        {sync_note}
        <section class="card" data-testid="case-clocks">
            <h2>{t!(i18n, desk.clocks)}</h2>
            {if d.clocks.is_empty() {
                view! { <p class="hint">{t!(i18n, desk.no_clocks)}</p> }.into_any()
            } else {
                view! {
                    <ul class="clock-list">
                        {d.clocks.iter().map(|c| view! {
                            <li>
                                <span>{c.label.clone()}</span> " "
                                <DueLabel due=c.due/> " "
                                {c.due_on.map(|on| view! { <span class="hint">{t!(i18n, tasks.deadline_on)} " " {domain::calendar::print::ymd(&on)}</span> })}
                                {c.provisional.then(|| view! { " " <span class="badge provisional">{t!(i18n, tasks.provisional)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card" data-testid="case-items">
            <h2>{t!(i18n, desk.items)}</h2>
            <table class="case-table">
                <tbody>
                    {d.items.iter().map(|i| view! {
                        <tr data-item=i.code.clone()>
                            <th scope="row">{i.name.clone()}</th>
                            <td>
                                {i.department.clone().unwrap_or_else(|| "—".to_owned())}
                                {i.lead.then(|| view! { " " <span class="badge">{t!(i18n, desk.lead)}</span> })}
                                {i.returned.then(|| view! { " " <span class="badge urgent">{t!(i18n, desk.returned)}</span> })}
                            </td>
                            <td data-testid="item-result">
                                {match i.result.clone() {
                                    Some(r) => r.into_any(),
                                    None => t!(i18n, desk.in_progress).into_any(),
                                }}
                                {i.notice.clone().map(|n| view! { " · " {n} })}
                                {i.told.then(|| view! { " · " {t!(i18n, desk.told)} })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card" data-testid="case-household">
            <h2>{t!(i18n, desk.household)}</h2>
            <p>{d.address.clone()}</p>
            <ul class="member-list">
                {d.members.iter().map(|(name, relation, id_number)| view! {
                    <li>{name.clone()} " · " {*relation} " · " <span class="mono">{id_number.clone()}</span></li>
                }).collect_view()}
            </ul>
            <h3>{t!(i18n, desk.authorization)}</h3>
            {if d.authorizations.is_empty() {
                view! { <p class="hint" data-testid="authorization-none">{t!(i18n, desk.no_authorization)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="authorizations">
                        {d.authorizations.iter().map(|(until, usable, revoked)| {
                            let state = if *revoked {
                                t!(i18n, desk.auth_revoked).into_any()
                            } else if *usable {
                                t!(i18n, desk.auth_valid).into_any()
                            } else {
                                t!(i18n, desk.auth_lapsed).into_any()
                            };
                            view! {
                                <li class:error=*revoked>{state} " · " {t!(i18n, desk.valid_until)} " " {domain::calendar::print::ymd(until)}</li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card" data-testid="case-materials">
            <h2>{t!(i18n, desk.materials)}</h2>
            <ul class="material-list">
                {d.materials.iter().map(|m| {
                    let (class, what) = match &m.provided {
                        MaterialProvided::Photos(p) => {
                            let n = p.len();
                            ("ok", t!(i18n, desk.photos, n = n).into_any())
                        }
                        MaterialProvided::Signed(_) => ("ok", t!(i18n, desk.signed).into_any()),
                        MaterialProvided::Authorized => ("ok", t!(i18n, desk.authorized).into_any()),
                        MaterialProvided::Missing => ("missing", t!(i18n, desk.not_provided).into_any()),
                    };
                    let shas = match &m.provided {
                        MaterialProvided::Photos(p) => p.clone(),
                        MaterialProvided::Signed(s) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    view! {
                        <li class=format!("material {class}") data-material=m.code.0.clone()>
                            <span>{m.name.clone()}</span> " · " <span>{what}</span>
                            {shas.into_iter().enumerate().map(|(n, sha)| {
                                let url = format!("/api/attachments/v1/{sha}");
                                view! {
                                    " " <a href=url.clone() target="_blank" rel="noopener" class="photo-link">
                                        <img src=url.clone() loading="lazy" alt=format!("{} {}", m.name, n + 1) class="thumb"/>
                                    </a>
                                }
                            }).collect_view()}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!d.outstanding.is_empty()).then(|| view! {
                <p class="error" data-testid="outstanding">{t!(i18n, desk.outstanding, n = d.outstanding.len())}</p>
            })}
        </section>
        <section class="card" data-testid="case-prints">
            <h2>{t!(i18n, desk.prints)}</h2>
            <ul class="print-list">
                {prints.into_iter().filter(|(shown, ..)| *shown).map(|(_, path, name)| view! {
                    <li><a href=format!("/cases/{id}/{path}") target="_blank" rel="noopener">{name}</a></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" data-testid="case-history">
            <h2>{t!(i18n, desk.history)}</h2>
            <ol class="history">
                {d.history.iter().map(|h| view! {
                    <li>
                        <span class="mono">{h.at.clone()}</span> " " {h.by} " · " <strong>{h.what}</strong>
                        {h.reason.clone().map(|r| view! { "：" {r} })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
