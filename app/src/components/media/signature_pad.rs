//! A signature on the screen: drawn with a finger (or a mouse), confirmed into a PNG that is
//! kept on the phone like a photo; the form holds its hash.

use leptos::html::Canvas;
use leptos::prelude::*;

use super::Thumbnail;
use super::problem::Problem;
use crate::i18n::{t, t_string, use_i18n};
use crate::media;

/// A signature pad; `signature` holds the confirmed signature's hash, and `strokes` (when
/// given) the strokes as drawn, `x,y,t;…|…` in CSS pixels and milliseconds from the first
/// touch — `None` when longer than the authorization keeps.
#[component]
pub fn SignaturePad(
    signature: RwSignal<Option<String>>,
    #[prop(into)] label: TextProp,
    #[prop(optional)] strokes: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let canvas = NodeRef::<Canvas>::new();
    // The last point of the stroke being drawn, in CSS pixels.
    let last = StoredValue::new(None::<(f64, f64)>);
    let drawn = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    // The strokes drawn since the pad was blanked, and when the first point was.
    let trace = StoredValue::new((String::new(), None::<i64>));
    let note = move |(x, y): (f64, f64), new_stroke: bool| {
        if strokes.is_none() {
            return;
        }
        let now = crate::phone::now().timestamp_millis();
        trace.update_value(|(text, start)| {
            let t = now - *start.get_or_insert(now);
            if !text.is_empty() {
                text.push(if new_stroke { '|' } else { ';' });
            }
            text.push_str(&format!("{},{},{t}", x.round(), y.round()));
        });
    };

    // Sized and blanked once it is on screen (again after "sign again").
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            media::pad_reset(&c);
            trace.set_value((String::new(), None));
        }
    });
    let point =
        |ev: &leptos::ev::PointerEvent| (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
    let down = move |ev: leptos::ev::PointerEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        ev.prevent_default();
        // Keep the stroke when the finger slides past the edge.
        let _ = c.set_pointer_capture(ev.pointer_id());
        let p = point(&ev);
        media::pad_line(&c, p, p);
        note(p, true);
        last.set_value(Some(p));
        drawn.set(true);
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        let (Some(c), Some(from)) = (canvas.get_untracked(), last.get_value()) else {
            return;
        };
        let to = point(&ev);
        media::pad_line(&c, from, to);
        note(to, false);
        last.set_value(Some(to));
    };
    let up = move |_| last.set_value(None);
    let clear = move |_| {
        if let Some(c) = canvas.get_untracked() {
            media::pad_reset(&c);
        }
        trace.set_value((String::new(), None));
        drawn.set(false);
        problem.set(None);
    };
    let confirm = move |_| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match media::pad_keep(&c).await {
                Ok(sha) => {
                    if let Some(strokes) = strokes {
                        let text = trace.with_value(|(text, _)| text.clone());
                        let kept = text.len() <= domain::authorization::MAX_STROKES_CHARS;
                        strokes.try_set(kept.then_some(text));
                    }
                    signature.try_set(Some(sha));
                    drawn.try_set(false);
                }
                Err(e) => {
                    problem.try_set(Some(Problem::Media(e)));
                }
            }
            busy.try_set(false);
        });
    };

    view! {
        <fieldset class="field signature-pad">
            <legend>{move || label.get()}</legend>
            <Show
                when=move || signature.with(Option::is_none)
                fallback=move || view! {
                    <p class="saved" role="status">{t!(i18n, media.signed)}</p>
                    {move || signature.get().map(|sha| view! {
                        <Thumbnail
                            sha256=sha
                            alt=Signal::derive(move || t_string!(i18n, media.signature).to_owned())
                        />
                    })}
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| signature.set(None)>
                            {t!(i18n, media.sign_again)}
                        </button>
                    </div>
                }
            >
                <canvas
                    node_ref=canvas
                    class="signature-canvas"
                    role="img"
                    aria-label=move || t_string!(i18n, media.sign_here)
                    on:pointerdown=down
                    on:pointermove=moved
                    on:pointerup=up
                    on:pointercancel=up
                ></canvas>
                <p class="hint">{t!(i18n, media.sign_here)}</p>
                <div class="actions">
                    <button type="button" class="secondary" on:click=clear disabled=move || !drawn.get()>
                        {t!(i18n, media.clear)}
                    </button>
                    <button
                        type="button"
                        on:click=confirm
                        disabled=move || !drawn.get() || busy.get()
                    >
                        {t!(i18n, media.confirm_signature)}
                    </button>
                </div>
            </Show>
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert">{p.text(i18n)}</p>
            })}
        </fieldset>
    }
}
