//! One member's consent in the authorization step: a guardian for a minor or a member
//! without full capacity, a signature on the screen (or, for one who cannot write, a
//! witnessed mark or a fingerprint photo), and the signer's identity check (in person with a
//! photo of them holding their ID card — specially protected: shown only here, never in a
//! list — or by a one-time code to their phone).

use domain::household::Household;
use leptos::prelude::*;

use super::identity_check::IdentityCheck;
use super::pick;
use crate::components::media::{PhotoInput, SignaturePad};
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::authorization::{OTHER_GUARDIAN, SignerDraft, is_adult};
use crate::forms::intake::signer::member_fingerprint;
use crate::i18n::use_i18n;
use crate::phone;

/// The line of `draft.authorization.signers[index]`; `problems` are its member's, in the
/// page's language.
#[component]
pub fn SignerCard(
    draft: RwSignal<IntakeDraft>,
    household: Household,
    index: usize,
    problems: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let line = draft
        .with_untracked(|d| d.authorization.signers.get(index).cloned())
        .unwrap_or_default();
    let me = household
        .members
        .iter()
        .find(|m| m.id.to_string() == line.member)
        .cloned();
    let name = me
        .as_ref()
        .map(|m| domain::identity::mask_name(m.name.expose()))
        .unwrap_or_default();
    let adult = me
        .as_ref()
        .is_none_or(|m| is_adult(m.id_number.expose(), phone::today()));
    // The adults who may be the guardian: every other adult member.
    let guardians: Vec<(String, String)> = household
        .members
        .iter()
        .filter(|m| m.id.to_string() != line.member)
        .filter(|m| is_adult(m.id_number.expose(), phone::today()))
        .map(|m| {
            (
                m.id.to_string(),
                domain::identity::mask_name(m.name.expose()),
            )
        })
        .collect();

    let get = move |f: fn(&SignerDraft) -> bool| {
        move || draft.with(|d| d.authorization.signers.get(index).is_some_and(f))
    };
    let text = move |f: fn(&SignerDraft) -> &String| {
        move || {
            draft.with(|d| {
                d.authorization
                    .signers
                    .get(index)
                    .map(|s| f(s).clone())
                    .unwrap_or_default()
            })
        }
    };
    let set = move |f: Box<dyn Fn(&mut SignerDraft)>| {
        draft.update(|d| {
            if let Some(s) = d.authorization.signers.get_mut(index) {
                f(s);
            }
        })
    };
    let limited = get(|s| s.limited_capacity);
    let cannot_write = get(|s| s.cannot_write);
    let fingerprint = get(|s| s.fingerprint);
    let guardian_signs = move || !adult || limited();
    let typed_guardian = move || text(|s| &s.guardian)() == OTHER_GUARDIAN;

    // The pad, the fingerprint photo and the ID-card photo keep their own signals; every
    // change goes into the draft.
    let pad = RwSignal::new(line.image.clone().filter(|_| !line.fingerprint));
    let strokes = RwSignal::new(line.strokes.clone());
    let print = RwSignal::new(
        line.image
            .clone()
            .filter(|_| line.fingerprint)
            .into_iter()
            .collect::<Vec<_>>(),
    );
    let id_photo = RwSignal::new(line.id_card_photo.clone().into_iter().collect::<Vec<_>>());
    // A signature given under the member's data as it was: counts only while that holds.
    let member = me.as_ref().map(|m| m.id);
    let fingerprint_now = member.and_then(|m| member_fingerprint(&household, m));
    let stale = {
        let household = household.clone();
        Memo::new(move |_| {
            draft.with(|d| {
                d.authorization
                    .signers
                    .get(index)
                    .is_some_and(|s| member.is_some_and(|m| s.signed_for_other_data(&household, m)))
            })
        })
    };
    Effect::new(move |_| {
        let by_print = cannot_write() && fingerprint();
        let image = if by_print {
            print.with(|p| p.first().cloned())
        } else {
            pad.get()
        };
        let strokes = if by_print { None } else { strokes.get() };
        let photo = id_photo.with(|p| p.first().cloned());
        let changed = draft.with_untracked(|d| {
            d.authorization.signers.get(index).is_some_and(|s| {
                s.image != image || s.strokes != strokes || s.id_card_photo != photo
            })
        });
        if changed {
            let signed_at = image.as_ref().map(|_| phone::now());
            draft.update(|d| {
                if let Some(s) = d.authorization.signers.get_mut(index) {
                    if s.image != image {
                        s.signed_at = signed_at;
                        s.signed_for = image.as_ref().and(fingerprint_now.clone());
                    }
                    s.image = image;
                    s.strokes = strokes;
                    s.id_card_photo = photo;
                }
            });
        }
    });

    let whom = if adult {
        pick(locale(), "成年", "adult")
    } else {
        pick(
            locale(),
            "未成年，由监护人代签",
            "minor: the guardian signs",
        )
    };
    view! {
        <li class="card signer" data-testid="signer" data-member=line.member.clone() data-done=move || {
            (!stale.get() && draft.with(|d| d.authorization.signers.get(index).is_some_and(|s| s.image.is_some() && (s.id_card_photo.is_some() || s.code_check.is_some())))).to_string()
        }>
            <h3>{format!("{name}（{whom}）")}</h3>
            <Show when=move || adult>
                <label class="check">
                    <input type="checkbox" name="limited_capacity" prop:checked=limited
                        on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |s| s.limited_capacity = on)) }/>
                    {move || pick(locale(), "无完全民事行为能力（由监护人代签）", "Without full civil capacity (the guardian signs)")}
                </label>
            </Show>
            <Show when=guardian_signs>
                <label class="field">
                    {move || pick(locale(), "监护人", "Guardian")}
                    <select name="guardian" prop:value=text(|s| &s.guardian)
                        on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.guardian = v.clone())) }>
                        <option value="">{move || pick(locale(), "请选择", "Choose")}</option>
                        {guardians.iter().map(|(id, n)| view! { <option value=id.clone()>{n.clone()}</option> }).collect_view()}
                        <option value=OTHER_GUARDIAN>{move || pick(locale(), "其他监护人（手工填写）", "Someone else (type in)")}</option>
                    </select>
                </label>
                <Show when=typed_guardian>
                    <label class="field">
                        {move || pick(locale(), "监护人姓名", "Guardian's name")}
                        <input name="guardian_name" prop:value=text(|s| &s.guardian_name)
                            on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.guardian_name = v.clone())) }/>
                    </label>
                    <label class="field">
                        {move || pick(locale(), "监护人身份证号", "Guardian's ID number")}
                        <input name="guardian_id_number" inputmode="numeric" prop:value=text(|s| &s.guardian_id_number)
                            on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.guardian_id_number = v.clone())) }/>
                    </label>
                </Show>
                <label class="field">
                    {move || pick(locale(), "与被监护人关系", "Relation to the member")}
                    <input name="guardian_relation" prop:value=text(|s| &s.guardian_relation)
                        on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.guardian_relation = v.clone())) }/>
                </label>
            </Show>
            <label class="check">
                <input type="checkbox" name="cannot_write" prop:checked=cannot_write
                    on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |s| s.cannot_write = on)) }/>
                {move || pick(locale(), "不会写字（按手印或画押，须有见证人）", "Cannot write (a mark or fingerprint before a witness)")}
            </label>
            <Show when=cannot_write>
                <label class="check">
                    <input type="checkbox" name="fingerprint" prop:checked=fingerprint
                        on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |s| s.fingerprint = on)) }/>
                    {move || pick(locale(), "在纸上按指纹并拍照", "Fingerprint on paper, photographed")}
                </label>
                <label class="field">
                    {move || pick(locale(), "见证人姓名", "Witness's name")}
                    <input name="witness" prop:value=text(|s| &s.witness)
                        on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.witness = v.clone())) }/>
                </label>
            </Show>
            {move || if cannot_write() && fingerprint() {
                view! { <PhotoInput photos=print label=pick(locale(), "指纹照片", "Fingerprint photo") max=1/> }.into_any()
            } else {
                let label = if guardian_signs() {
                    pick(locale(), "监护人签名", "Guardian's signature")
                } else {
                    pick(locale(), "本人签名", "Signature")
                };
                view! { <SignaturePad signature=pad strokes label/> }.into_any()
            }}
            <Show when=move || stale.get()>
                <p class="field-error" role="alert" data-testid="sign-again">
                    {move || pick(locale(), "姓名或身份证号在签名后改过，原来的签名不再有效，请重新签名。", "The name or ID number changed after signing: the signature no longer counts, please sign again.")}
                </p>
            </Show>
            <IdentityCheck draft household=household.clone() index id_photo/>
            <For
                each=move || problems.get()
                key=|m| m.clone()
                children=|m| view! { <p class="field-error" role="alert">{m}</p> }
            />
        </li>
    }
}
