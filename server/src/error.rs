//! One error type for every handler: typed 4xx answers, and 500s that are logged with their
//! cause but answered without internals.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid session: sign in (again).
    #[error("{0}")]
    Unauthorized(String),
    /// Signed in, but this is not for this account.
    #[error("{0}")]
    Forbidden(String),
    /// The record does not exist or is outside the caller's jurisdiction (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The request is malformed; the message says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// The request clashes with the current state (e.g. an upload resumed at the wrong offset).
    #[error("{0}")]
    Conflict(String),
    /// The request is well formed but cannot be done; `code` names the reason for programs
    /// (the phone says it in its own language), the message says it in Chinese.
    #[error("{message}")]
    Refused {
        /// Why, for programs (`snake_case`, documented at the route).
        code: &'static str,
        /// Why, in Chinese.
        message: String,
    },
    /// Signed in, but the account must do something first (change a generated password,
    /// enrol a second factor); `code` says what (answered 403).
    #[error("{message}")]
    Restricted {
        /// What to do, for programs.
        code: &'static str,
        /// What to do, in Chinese.
        message: String,
    },
    /// Too many attempts; try again after this many seconds.
    #[error("尝试次数过多，请 {retry_after_seconds} 秒后再试")]
    TooManyRequests {
        /// When to try again.
        retry_after_seconds: i64,
    },
    /// A session last used long ago (`AuthSettings::wipe_after`): sign in again (401 with
    /// the code `sign_in_lapsed`).
    #[error("登录已过期很久，手机上的个人信息已删除，请重新登录")]
    Lapsed,
    /// Anything unexpected; logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// The answer to a request without a valid session.
    pub fn signed_out() -> Self {
        ApiError::Unauthorized("请先登录".to_owned())
    }

    /// The answer to a disabled account's phone (403 `account_disabled`): it deletes the
    /// personal data it holds (issue 22 point 13).
    pub fn account_disabled() -> Self {
        ApiError::Restricted {
            code: crate::auth::disabled::ACCOUNT_DISABLED,
            message: "此账号已停用，手机上的个人信息已删除；如有疑问请联系管理员".to_owned(),
        }
    }

    /// The answer to a phone whose sign-in lapsed long ago (401 `sign_in_lapsed`): it deletes
    /// its personal data unless something on it is unsent (issue 22 point 13).
    pub fn sign_in_lapsed() -> Self {
        ApiError::Lapsed
    }

    /// Whether this is [`ApiError::account_disabled`].
    pub fn is_account_disabled(&self) -> bool {
        matches!(self, ApiError::Restricted { code, .. } if *code == crate::auth::disabled::ACCOUNT_DISABLED)
    }

    /// The refusal of a restricted account's request (403 with `code`).
    pub fn restricted(code: &'static str) -> Self {
        let message = match code {
            "password_change_required" => "请先修改初始密码",
            "totp_enrolment_required" => "请先设置两步验证",
            _ => "请先完成账号设置",
        };
        ApiError::Restricted {
            code,
            message: message.to_owned(),
        }
    }

    /// A refusal with its `code` (answered 422).
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Refused {
            code,
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Internal(e.into())
    }
}

/// What every error answer carries (for the API description).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in Chinese, for the user.
    pub error: String,
    /// After a lockout (429): seconds to wait.
    pub retry_after_seconds: Option<u64>,
    /// Why, for programs, on a 422 refusal or a 403 of a restricted account (each route lists
    /// its codes).
    pub code: Option<String>,
    /// After a chunk at the wrong offset (409): where the next chunk must start.
    pub received: Option<i64>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Unauthorized(_) | ApiError::Lapsed => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Restricted { .. } => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = match &self {
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                json!({ "error": "internal error" })
            }
            ApiError::TooManyRequests {
                retry_after_seconds,
            } => json!({ "error": self.to_string(), "retry_after_seconds": retry_after_seconds }),
            ApiError::Refused { code, message } | ApiError::Restricted { code, message } => {
                json!({ "error": message, "code": code })
            }
            ApiError::Lapsed => json!({ "error": self.to_string(), "code": "sign_in_lapsed" }),
            other => json!({ "error": other.to_string() }),
        };
        let mut response = (status, Json(body)).into_response();
        if let ApiError::TooManyRequests {
            retry_after_seconds,
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        response
    }
}
