//! JSON over `fetch`, with the session cookie, and the few ways it can fail.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use crate::store::StoreError;

/// Why a request did not give an answer to use.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpError {
    /// No network (or the server is unreachable).
    Offline,
    /// The session ended: sign in again (nothing on the phone is lost).
    SignedOut,
    /// The server said no; its message is for the user.
    Refused {
        /// HTTP status.
        status: u16,
        /// The server's reason for programs, on a 422 (the UI says it in its language).
        code: Option<String>,
        /// The server's message, in Chinese.
        message: String,
    },
    /// The answer could not be read (a server of another version?).
    Garbled(String),
}

impl HttpError {
    /// A failure that passes by itself: the server (or a proxy before it) is overloaded,
    /// restarting or briefly broken (5xx), or asks the phone to slow down (429, 408). The same
    /// request is safe to send again: pushes carry their operation ids, pulls only read.
    /// Answers the failure's status when it is one of these, `None` otherwise.
    pub fn transient_status(&self) -> Option<u16> {
        match self {
            HttpError::Refused { status, .. }
                if *status >= 500 || *status == 429 || *status == 408 =>
            {
                Some(*status)
            }
            _ => None,
        }
    }

    /// Why the server's answer tells the phone to delete its personal data, if it does.
    pub fn wipe_reason(&self) -> Option<&'static str> {
        match self {
            HttpError::Refused { status, code, .. } => {
                crate::remote_wipe::wipe_reason(*status, code.as_deref())
            }
            _ => None,
        }
    }
}

impl From<StoreError> for HttpError {
    fn from(e: StoreError) -> Self {
        HttpError::Garbled(e.0)
    }
}

/// `POST` a JSON body.
pub async fn post<B: Serialize + ?Sized, R: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<R, HttpError> {
    let json = crate::store::to_json(body)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&json));
    let request = Request::new_with_str_and_init(url, &init).map_err(garbled)?;
    let _ = request.headers().set("content-type", "application/json");
    send(request).await
}

/// Bodies from this size on are sent compressed by [`post_compressed`]: smaller ones gain
/// less than the header costs.
const COMPRESS_FROM: usize = 1024;

/// `POST` a JSON body gzip-compressed (`Content-Encoding: gzip`) where the browser can
/// (`CompressionStream`: Chrome 80 and the Android WebViews since), plain otherwise. A push of
/// household records is mostly the same keys again and again and goes in about a fifth of the
/// bytes, which is what a weak signal in a village pays for. The server takes either.
pub async fn post_compressed<B: Serialize + ?Sized, R: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<R, HttpError> {
    let json = crate::store::to_json(body)?;
    let gzipped = if json.len() >= COMPRESS_FROM {
        gzip(&json).await
    } else {
        None
    };
    let init = RequestInit::new();
    init.set_method("POST");
    match &gzipped {
        Some(bytes) => init.set_body(bytes),
        None => init.set_body(&JsValue::from_str(&json)),
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(garbled)?;
    let _ = request.headers().set("content-type", "application/json");
    if gzipped.is_some() {
        let _ = request.headers().set("content-encoding", "gzip");
    }
    send(request).await
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it behind its unstable APIs only).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = CompressionStream, catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

/// `text` gzip-compressed by the browser, or `None` where it cannot.
async fn gzip(text: &str) -> Option<js_sys::Uint8Array> {
    let global = js_sys::global();
    if !js_sys::Reflect::has(&global, &JsValue::from_str("CompressionStream")).unwrap_or(false) {
        return None;
    }
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
    let compressor = Compressor::new("gzip").ok()?;
    // A CompressionStream is a transform stream: its `readable` and `writable` are the pair.
    let stream = blob
        .stream()
        .pipe_through(compressor.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer))
}

/// `GET` a JSON answer.
pub async fn get<R: DeserializeOwned>(url: &str) -> Result<R, HttpError> {
    let init = RequestInit::new();
    init.set_method("GET");
    let request = Request::new_with_str_and_init(url, &init).map_err(garbled)?;
    send(request).await
}

async fn send<R: DeserializeOwned>(request: Request) -> Result<R, HttpError> {
    let window = web_sys::window().ok_or(HttpError::Offline)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| HttpError::Offline)?
        .unchecked_into();
    let status = response.status();
    let body = match response.json() {
        Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    };
    match status {
        200..=299 => serde_wasm_bindgen::from_value(body).map_err(|e| garbled(e.into())),
        _ => {
            let field = |name: &str| {
                js_sys::Reflect::get(&body, &JsValue::from_str(name))
                    .ok()
                    .and_then(|m| m.as_string())
            };
            let code = field("code");
            // A lapsed sign-in is told apart (the phone may wipe itself); any other 401 is
            // an ended session.
            if status == 401 && code.as_deref() != Some(crate::remote_wipe::SIGN_IN_LAPSED) {
                return Err(HttpError::SignedOut);
            }
            let message = field("error")
                .unwrap_or_else(|| format!("服务器暂时无法处理（{status}），请稍后再试"));
            Err(HttpError::Refused {
                status,
                code,
                message,
            })
        }
    }
}

fn garbled(e: JsValue) -> HttpError {
    HttpError::Garbled(format!("{e:?}"))
}
