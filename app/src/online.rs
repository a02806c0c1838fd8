//! Requests that need the network and are answered at once, outside the outbox: a signer's
//! one-time code today, the staff screens' look-ups later. The same call compiles on the
//! server, where it answers "offline" (event handlers never run there).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why an online request gave no answer to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnlineError {
    /// No network, or the server is unreachable.
    Offline,
    /// The session ended: sign in again.
    SignedOut,
    /// The server said no.
    Refused {
        /// HTTP status.
        status: u16,
        /// The reason for programs (a 422's `code`), for the UI to say in its language.
        code: Option<String>,
        /// The server's message, in Chinese.
        message: String,
    },
    /// The answer could not be read.
    Garbled,
}

/// `GET`s `url` with the session cookie.
pub async fn get<R: DeserializeOwned>(url: &str) -> Result<R, OnlineError> {
    #[cfg(feature = "hydrate")]
    {
        crate::sync::http::get(url).await.map_err(from_http)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = url;
        Err(OnlineError::Offline)
    }
}

#[cfg(feature = "hydrate")]
fn from_http(e: crate::sync::http::HttpError) -> OnlineError {
    use crate::sync::http::HttpError;
    match e {
        HttpError::Offline => OnlineError::Offline,
        // A lapsed sign-in is an ended session for the desk's screens; the sync engine
        // wipes the phone on it.
        HttpError::SignedOut | HttpError::Refused { status: 401, .. } => OnlineError::SignedOut,
        HttpError::Refused {
            status,
            code,
            message,
        } => OnlineError::Refused {
            status,
            code,
            message,
        },
        HttpError::Garbled(_) => OnlineError::Garbled,
    }
}

/// `POST`s `body` as JSON to `url` with the session cookie.
pub async fn post<B: Serialize, R: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<R, OnlineError> {
    #[cfg(feature = "hydrate")]
    {
        crate::sync::http::post(url, body).await.map_err(from_http)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (url, body);
        Err(OnlineError::Offline)
    }
}
