//! Whether the component asking has been hydrated. The helper's pages are lazy routes: the
//! browser hydrates them only once their WASM chunk has arrived, and by then the phone's store
//! may have been read and the account set. A page that then branched on the account would
//! build other elements than the server sent (rendered signed out) and hydration would stop
//! with a panic, leaving the page dead (seen on a reload of /me right after sign-in). Views
//! branch on the phone's state only once this is true, which an effect makes it: effects run
//! after their component is hydrated.

use leptos::prelude::*;

/// False while this component hydrates (and on the server), true from its first effect on.
pub fn use_hydrated() -> Signal<bool> {
    let done = RwSignal::new(false);
    Effect::new(move |_| done.set(true));
    done.into()
}
