//! One kept picture shown from the phone's store through an object URL, given back when the
//! thumbnail goes (an object URL holds its Blob in memory until revoked).

use leptos::prelude::*;

use crate::media;

/// The picture kept under `sha256`; `alt` describes it.
#[component]
pub fn Thumbnail(sha256: String, #[prop(into)] alt: Signal<String>) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Some(u) = media::object_url(&sha256).await
            && let Some(unused) = url.try_set(Some(u))
        {
            // The thumbnail went while the picture was read.
            unused.iter().for_each(|u| media::revoke(u));
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            media::revoke(&u);
        }
    });
    view! {
        <img
            class="thumb"
            src=move || url.get()
            alt=move || alt.get()
            data-state=move || if url.with(Option::is_some) { "shown" } else { "loading" }
        />
    }
}
