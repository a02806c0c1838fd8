//! Web security around every response: the Content-Security-Policy with a fresh nonce per page,
//! the other protective headers, refusal of cross-site state changes, and a panic answered as
//! a plain 500 that says nothing about the server's insides; secrets kept in owner-only files.

pub mod client_address;
mod cross_site;
mod headers;
mod panic;
pub mod production;
pub mod secret_file;

pub use cross_site::refuse_cross_site;
pub use headers::{CspNonce, page_policy, provide_request_nonce, security_headers};
pub use panic::internal_error_on_panic;
