//! The phone's clock and the ids it makes.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Now, in ms since 1970, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
}

/// The phone's time zone now (UTC when the browser's answer is out of range).
pub fn utc_offset() -> chrono::FixedOffset {
    // Minutes behind UTC: -480 in China.
    let behind = js_sys::Date::new_0().get_timezone_offset();
    chrono::FixedOffset::west_opt((behind * 60.0) as i32)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC is a valid offset"))
}

/// Now, as RFC 3339 text (what the server reads as a time).
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Waits `ms` milliseconds (the browser's timer; at once where there is no window).
pub async fn sleep_ms(ms: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local! {
    static LAST_ID: std::cell::Cell<u128> = const { std::cell::Cell::new(0) };
}

/// A new UUIDv7: time-ordered, so the outbox keeps the order things were done in, and random
/// enough that two phones never make the same one. Ids made within one millisecond still
/// follow each other (the later one is the earlier one plus one), because an intake queues
/// several operations at once that must reach the server in order.
pub fn new_id() -> Uuid {
    let mut random = [0u8; 10];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut random);
    }
    let made = uuid::Builder::from_unix_timestamp_millis(now_ms() as u64, &random)
        .into_uuid()
        .as_u128();
    let id = LAST_ID.with(|last| {
        let id = made.max(last.get() + 1);
        last.set(id);
        id
    });
    Uuid::from_u128(id)
}
