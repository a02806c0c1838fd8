//! Whether the phone has a network, as the browser reports it.

use leptos::prelude::*;

/// Network state shared by the indicator and, later, the sync engine.
#[derive(Clone, Copy)]
pub struct Connectivity {
    /// `true` while the browser reports a network.
    pub online: RwSignal<bool>,
}

/// Provides [`Connectivity`]. The server renders "online"; after hydration the browser's
/// `navigator.onLine` and its `online`/`offline` events decide.
pub fn provide_connectivity_context() -> Connectivity {
    let c = Connectivity {
        online: RwSignal::new(true),
    };
    provide_context(c);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            if let Some(w) = web_sys::window() {
                c.online.set(w.navigator().on_line());
            }
        });
        let on = window_event_listener(leptos::ev::online, move |_| c.online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| c.online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
    }
    c
}

/// The connectivity provided by [`provide_connectivity_context`].
pub fn use_connectivity() -> Connectivity {
    expect_context()
}
