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
