//! One labelled text input (or textarea) bound to a value, its error under it.

use leptos::prelude::*;

/// `children` is the label. The value is controlled: `value` shows it, `on_input` gets every
/// keystroke (the page keeps the draft).
#[component]
pub fn TextField(
    /// The current text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every change.
    #[prop(into)]
    on_input: Callback<String>,
    /// The field's error, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The input's `name` (tests and autofill).
    #[prop(optional)]
    name: &'static str,
    /// `text` (default), `tel`, `date`, `datetime-local` …
    #[prop(optional)]
    input_type: &'static str,
    /// The keyboard to show (`numeric`, `decimal` …).
    #[prop(optional)]
    inputmode: &'static str,
    /// A textarea of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: u32,
    /// The label.
    children: Children,
) -> impl IntoView {
    let input_type = if input_type.is_empty() {
        "text"
    } else {
        input_type
    };
    let control = if rows > 0 {
        view! {
            <textarea
                name=name
                rows=rows
                prop:value=value
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                name=name
                type=input_type
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                autocomplete="off"
                prop:value=value
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <label class="field">
            <span>{children()}</span>
            {control}
            {move || error.get().map(|e| view! { <span class="field-error">{e}</span> })}
        </label>
    }
}
