//! Step 5: the household's verification authorization (核对授权书, 一次授权、全网通用). A usable
//! one on the phone covering every adult is shown and nothing is signed; adults added since
//! sign an addendum; otherwise the text is read and every member signs (through a guardian,
//! or by a witnessed mark), each with the helper's in-person check of their ID card.

use domain::authorization::{AuthorizationError, AuthorizationRecord, AuthorizationText, number};
use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::*;

use super::pick;
use super::signer_card::SignerCard;
use crate::contexts::use_connectivity;
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::authorization::{Accepted, Coverage, check, coverage, path_of};
use crate::forms::intake::authorization_fix::{RefusedProblem, still_refused};
use crate::i18n::{Locale, t, use_i18n};
use crate::phone;

/// The step: what the phone holds for the household, then the text and the signers.
#[component]
pub fn AuthorizationStep(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::contexts::use_field_sync();
    let locale = move || i18n.get_locale();
    let household =
        Memo::new(move |_| draft.with(|d| d.household.to_household(phone::today()).ok()));
    let needed = move || draft.with(|d| d.materials.iter().any(|l| l.is_signed_on_screen()));
    // The household's authorizations on the phone; `None` while loading.
    let records = RwSignal::new(None::<Vec<AuthorizationRecord>>);
    Effect::new(move |_| {
        let Some(id) = household.with(|h| h.as_ref().map(|h| h.id)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let all = phone::records_of::<AuthorizationRecord>(RecordKind::Authorization).await;
            let mine = crate::forms::intake::authorization::counted(all, id);
            records.try_set(Some(mine));
        });
    });
    // What the installation accepts, as the phone last learned it.
    let accepted = RwSignal::new(Accepted::default());
    // The package as the server refused it, with the problems it named (a fix).
    let refusal = RwSignal::new(None::<(AuthorizationRecord, Vec<RefusedProblem>)>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let learned = crate::phone_authorization::accepted().await;
            if accepted.try_with_untracked(|a| *a != learned) == Some(true) {
                accepted.try_set(learned);
            }
        });
    });
    // The text shown is the one signed under: the signing view follows a newly learned one.
    let text_version = Memo::new(move |_| accepted.with(|a| a.text.version.clone()));
    let package_id = Memo::new(move |_| draft.with(|d| d.authorization.id.clone()));
    Effect::new(move |_| {
        let id = uuid::Uuid::parse_str(&package_id.get()).ok();
        leptos::task::spawn_local(async move {
            if let Some(id) = id {
                refusal.try_set(crate::phone_authorization::refusal(id).await);
            }
        });
    });
    let cover = Memo::new(move |_| {
        let h = household.get()?;
        records.with(|r| r.as_ref().map(|r| coverage(&h, r, phone::today())))
    });
    // The signer lines follow the coverage (written only when they change).
    Effect::new(move |_| {
        let (Some(h), Some(c)) = (household.get(), cover.get()) else {
            return;
        };
        let signers = c.signers(&h);
        let same = draft.with_untracked(|d| {
            !d.authorization.id.is_empty()
                && d.authorization.signers.len() == signers.len()
                && d.authorization
                    .signers
                    .iter()
                    .zip(&signers)
                    .all(|(s, m)| s.member == m.to_string())
        });
        if !same {
            draft.update(|d| d.authorization.refresh(&signers, phone::new_id));
        }
    });
    // The package's problems as it now stands, by member: shown at a line once it is begun
    // or once saving was tried.
    let problems = Memo::new(move |_| -> Vec<AuthorizationError> {
        let (Some(h), Some(c), Some(account)) = (household.get(), cover.get(), helper_of(sync))
        else {
            return Vec::new();
        };
        let now = phone::now();
        let package =
            accepted.with(|a| draft.with(|d| d.authorization.package(&h, &c, account, a, now)));
        let base = match &c {
            Coverage::Addendum { base, .. } => Some(base.clone()),
            _ => None,
        };
        package.map_or_else(Vec::new, |p| {
            accepted.with(|a| check(&p, &h, base.as_ref(), a, now))
        })
    });
    // The server's refusal, each problem while what it concerns is as it was refused.
    let refused = Memo::new(move |_| -> Option<Vec<RefusedProblem>> {
        let (Some(h), Some(c), Some(account)) = (household.get(), cover.get(), helper_of(sync))
        else {
            return None;
        };
        let now = phone::now();
        let package =
            accepted.with(|a| draft.with(|d| d.authorization.package(&h, &c, account, a, now)))?;
        refusal.with(|r| {
            r.as_ref()
                .map(|(sent, problems)| still_refused(sent, problems, &package))
        })
    });
    let general = move || {
        let saving = errors.with(|e| e.iter().any(|e| e.path == "authorization"));
        problems.with(|p| {
            p.iter()
                .filter(|e| e.member().is_none() && saving)
                .map(|e| message(locale(), e))
                .collect::<Vec<_>>()
        })
    };

    let en = move || locale() == Locale::en;
    let refused_general = move || {
        refused.with(|r| {
            r.iter()
                .flatten()
                .filter(|p| p.member.is_none())
                .map(|p| p.message(en()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || refusal.with(Option::is_some)>
            <section class="card error" role="alert" data-testid="authorization-refused">
                <p>{t!(i18n, authfix.refused)}</p>
                <p class="hint">{t!(i18n, authfix.fix_hint)}</p>
                <ul>
                    {move || refused_general().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </section>
        </Show>
        <Show
            when=needed
            fallback=move || view! {
                <p class="hint">{move || pick(locale(), "所选事项不需要家庭经济状况核对授权。", "The items chosen need no authorization to verify the household's finances.")}</p>
            }
        >
            {move || match (household.get(), cover.get(), text_version.track()) {
                (None, _, _) => view! {
                    <p class="field-error">{pick(locale(), "请先完善家庭成员信息。", "Complete the household's members first.")}</p>
                }.into_any(),
                (_, None, _) => view! { <p class="hint">"…"</p> }.into_any(),
                (Some(_), Some(Coverage::Reused { base }), _) => view! { <Authorized record=base/> }.into_any(),
                (Some(h), Some(c), _) => view! { <Signing draft errors household=h cover=c problems refused accepted/> }.into_any(),
            }}
            <For
                each=general
                key=|m| m.clone()
                children=|m| view! { <p class="field-error">{m}</p> }
            />
        </Show>
    }
}

/// The signed-in helper's user id (none before sign-in).
fn helper_of(sync: crate::contexts::FieldSync) -> Option<domain::ids::UserId> {
    let account = sync.account.get()?;
    phone::actor(&account).map(|a| domain::ids::UserId(a.user.0))
}

/// A problem in the page's language.
pub(super) fn message(locale: Locale, e: &AuthorizationError) -> String {
    pick(locale, e.message_zh(), e.message_en())
}

/// "已授权，有效期至 …（授权书编号 …）", its standing, and the print link once countersigned.
#[component]
fn Authorized(record: AuthorizationRecord) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let online = use_connectivity().online;
    let standing = record.standing(phone::today());
    let until = record.valid_until.to_string();
    let no = number(record.id);
    let print = format!("/authorizations/{}/print", record.id);
    let signed = record.countersignature.is_some();
    view! {
        <section class="card authorized" data-testid="authorized" role="status">
            <p>
                <strong>{pick(locale(), &format!("已授权，有效期至 {until}（授权书编号 {no}）"), &format!("Authorized, valid until {until} (no. {no})"))}</strong>
            </p>
            <p class="hint" data-testid="standing">
                {pick(locale(), standing.name_zh(), standing.name_en())}
                " · "
                {pick(locale(), "本次申请直接使用，无需再次签署。", "This application uses it: nothing to sign again.")}
            </p>
            <Show when=move || signed && online.get()>
                <a href=print.clone() target="_blank" rel="noopener" data-testid="print-authorization">
                    "打印授权书 / Print"
                </a>
            </Show>
        </section>
    }
}

/// The text to sign and the signers' lines.
#[component]
fn Signing(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    household: Household,
    cover: Coverage,
    problems: Memo<Vec<AuthorizationError>>,
    refused: Memo<Option<Vec<RefusedProblem>>>,
    accepted: RwSignal<Accepted>,
) -> impl IntoView {
    let i18n = use_i18n();
    let deferred = move || draft.with(|d| d.authorization.deferred);
    let set_deferred = move |ev| {
        let on = event_target_checked(&ev);
        draft.update(|d| d.authorization.deferred = on);
    };
    let locale = move || i18n.get_locale();
    let text: AuthorizationText = accepted.get_untracked().text;
    let period = match &cover {
        Coverage::Addendum { base, .. } => {
            let until = base.valid_until.to_string();
            let no = number(base.id);
            pick(
                locale(),
                &format!(
                    "补充授权：本户已有授权（编号 {no}，有效期至 {until}），以下新增成员签署补充授权，有效期同原授权。"
                ),
                &format!(
                    "Addendum: the household's authorization (no. {no}) holds until {until}; the members added since sign an addendum valid as long."
                ),
            )
        }
        _ => pick(
            locale(),
            &format!("有效期：自签署之日起 {} 个月。", text.validity_months),
            &format!(
                "Period: {} months from the day of signing.",
                text.validity_months
            ),
        ),
    };
    let signers = move || {
        draft.with(|d| {
            d.authorization
                .signers
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.member.clone()))
                .collect::<Vec<_>>()
        })
    };
    let errors_of = move |member: String| {
        Signal::derive(move || {
            let path = format!("authorization.{member}");
            let saving = errors.with(|e| e.iter().any(|e| e.path == path));
            let begun = draft.with(|d| {
                d.authorization
                    .signers
                    .iter()
                    .any(|s| s.member == member && (s.image.is_some() || s.id_card_photo.is_some()))
            });
            // The server's reasons show at once; the phone's own once the line is begun.
            let mut shown: Vec<String> = refused.with(|r| {
                r.iter()
                    .flatten()
                    .filter(|p| p.member.as_deref() == Some(member.as_str()))
                    .map(|p| p.message(locale() == Locale::en))
                    .collect()
            });
            if saving || begun {
                problems.with(|p| {
                    for m in p
                        .iter()
                        .filter(|e| e.member().is_some_and(|m| m.to_string() == member))
                        .filter(|e| path_of(e) == path)
                        .map(|e| message(locale(), e))
                    {
                        if !shown.contains(&m) {
                            shown.push(m);
                        }
                    }
                });
            }
            shown
        })
    };
    view! {
        <article class="authorization-text" data-testid="authorization-text">
            <h2>{text.title_zh.clone()}</h2>
            {text.body_zh.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            <ul class="scopes">
                {text.scopes.iter().map(|s| view! {
                    <li>{s.name_zh()} " — " {s.agency_zh()}</li>
                }).collect_view()}
            </ul>
            <p>{format!("用途：{}", text.purpose_zh)}</p>
            <details>
                <summary>"English"</summary>
                <h3>{text.title_en.clone()}</h3>
                {text.body_en.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                <ul class="scopes">
                    {text.scopes.iter().map(|s| view! {
                        <li>{s.name_en()} " — " {s.agency_en()}</li>
                    }).collect_view()}
                </ul>
                <p>{format!("Purpose: {}", text.purpose_en)}</p>
            </details>
            <p class="hint">{period}</p>
        </article>
        <label class="check">
            <input type="checkbox" name="deferred" prop:checked=deferred on:change=set_deferred/>
            {move || pick(locale(), "暂不签署（有成员不在场）：材料清单中列为暂缺", "Not signed now (a member is away): listed as missing")}
        </label>
        <Show when=move || !deferred()>
            <ol class="signers" data-testid="signers">
                <For
                    each=signers
                    key=|s| s.clone()
                    children={
                        let household = household.clone();
                        move |(index, member)| {
                            let problems = errors_of(member);
                            view! { <SignerCard draft household=household.clone() index problems/> }
                        }
                    }
                />
            </ol>
        </Show>
    }
}
