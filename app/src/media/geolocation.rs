//! Where the phone is (browser only), asked only after the resident has agreed. The GPS
//! works without a network; indoors it may take long or fail, hence the timeout.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::PositionOptions;

use super::LocateError;

/// The phone's position in degrees (latitude, longitude).
pub async fn locate(timeout_ms: u32) -> Result<(f64, f64), LocateError> {
    let geo = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or(LocateError::Unavailable)?;
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(timeout_ms);
    options.set_maximum_age(60_000);
    let mut started = Ok(());
    let asked = Promise::new(&mut |resolve: Function, reject: Function| {
        started = geo.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &options,
        );
    });
    started.map_err(|_| LocateError::Unavailable)?;
    let number = |v: &JsValue, k: &str| {
        Reflect::get(v, &JsValue::from_str(k))
            .ok()
            .and_then(|n| n.as_f64())
    };
    match JsFuture::from(asked).await {
        Ok(position) => {
            let coords = Reflect::get(&position, &JsValue::from_str("coords"))
                .map_err(|_| LocateError::Unavailable)?;
            match (number(&coords, "latitude"), number(&coords, "longitude")) {
                (Some(lat), Some(lon)) => Ok((lat, lon)),
                _ => Err(LocateError::Unavailable),
            }
        }
        // GeolocationPositionError.code: 1 denied, 2 unavailable, 3 timeout.
        Err(e) => Err(match number(&e, "code") {
            Some(1.0) => LocateError::Denied,
            Some(3.0) => LocateError::Timeout,
            _ => LocateError::Unavailable,
        }),
    }
}
