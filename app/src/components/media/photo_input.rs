//! Taking photos for a form: the camera (or the gallery), each picture compressed and kept on
//! the phone, shown as a thumbnail with a remove button. The form holds the hashes.

use leptos::prelude::*;

use super::Thumbnail;
use super::problem::Problem;
use crate::i18n::{t, t_string, use_i18n};
use crate::media::Picked;

/// Photos of a form: `photos` holds their hashes in the order taken, at most `max`; the
/// camera facing `capture` (`environment`, or `user` for a live photo of the person holding
/// the phone's screen side), and the gallery offered unless `live` asks for the camera only.
#[component]
pub fn PhotoInput(
    photos: RwSignal<Vec<String>>,
    #[prop(into)] label: TextProp,
    #[prop(default = 20)] max: usize,
    #[prop(default = "environment")] capture: &'static str,
    #[prop(default = false)] live: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // While compressing: (this one, of how many).
    let busy = RwSignal::new(None::<(usize, usize)>);
    let problem = RwSignal::new(None::<Problem>);
    let full = move || photos.with(|p| p.len() >= max);

    let take = move |ev: leptos::ev::Event| {
        let picked = Picked::from_input(&ev);
        if picked.is_empty() {
            return;
        }
        problem.set(None);
        leptos::task::spawn_local(async move {
            let n = picked.len();
            for i in 0..n {
                if photos.try_with_untracked(|p| p.len() >= max) != Some(false) {
                    problem.try_set(Some(Problem::Full));
                    break;
                }
                busy.try_set(Some((i + 1, n)));
                match picked.keep(i).await {
                    Ok(sha) => {
                        let known = photos.try_with_untracked(|p| p.contains(&sha));
                        if known == Some(true) {
                            problem.try_set(Some(Problem::Duplicate));
                        } else {
                            photos.try_update(|p| p.push(sha));
                        }
                    }
                    Err(e) => {
                        problem.try_set(Some(Problem::Media(e)));
                    }
                }
            }
            busy.try_set(None);
        });
    };
    let remove = move |sha: &str| {
        let sha = sha.to_owned();
        problem.set(None);
        photos.update(|p| p.retain(|x| *x != sha));
    };
    let disabled = move || full() || busy.with(Option::is_some);
    let camera_text = move || {
        if photos.with(Vec::is_empty) {
            t_string!(i18n, media.take_photo)
        } else {
            t_string!(i18n, media.take_another)
        }
    };

    view! {
        <fieldset class="field photo-input">
            <legend>{move || label.get()}</legend>
            <ul class="thumbs">
                <For
                    each=move || photos.get()
                    key=|sha| sha.clone()
                    children=move |sha| {
                        let at = sha.clone();
                        let number = Memo::new(move |_| {
                            photos.with(|p| p.iter().position(|x| *x == at).map_or(0, |i| i + 1))
                        });
                        let alt = Signal::derive(move || {
                            format!("{} {}", t_string!(i18n, media.photo), number.get())
                        });
                        let aria = move || format!("{} {}", t_string!(i18n, media.remove_photo), number.get());
                        let gone = sha.clone();
                        view! {
                            <li>
                                <Thumbnail sha256=sha alt/>
                                <button
                                    type="button"
                                    class="secondary remove"
                                    aria-label=aria
                                    on:click=move |_| remove(&gone)
                                >
                                    {t!(i18n, media.remove)}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="actions">
                <label class="button photo-take" class:disabled=disabled>
                    {camera_text}
                    <input
                        type="file"
                        accept="image/*"
                        capture=capture
                        class="visually-hidden"
                        disabled=disabled
                        on:change=take
                    />
                </label>
                {(!live).then(|| view! {
                    <label class="button secondary photo-take" class:disabled=disabled>
                        {t!(i18n, media.from_gallery)}
                        <input
                            type="file"
                            accept="image/*"
                            multiple
                            class="visually-hidden"
                            disabled=disabled
                            on:change=take
                        />
                    </label>
                })}
            </div>
            <p class="hint" data-testid="photo-count">
                {t!(i18n, media.photo)} " " {move || photos.with(Vec::len)} " / " {max}
            </p>
            {move || busy.get().map(|(i, n)| view! {
                <p class="hint" role="status">
                    {t!(i18n, media.compressing)}
                    {(n > 1).then(|| format!(" {i}/{n}"))}
                </p>
            })}
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert">{p.text(i18n)}</p>
            })}
        </fieldset>
    }
}
