//! The audit chain: an append-only log of every change and every read of full personal data,
//! each entry carrying the hash of the one before, so that changing, removing or reordering
//! any entry breaks the chain from there on. `verify` names the first broken entry; the head
//! can be exported signed (Ed25519) and kept elsewhere, so even a rewrite of the whole chain
//! shows.

mod append;
pub mod auto_sign;
mod entry;
mod signing;
mod verify;

pub use append::{append, append_all, append_standalone};
pub use entry::{AuditEntry, GENESIS};
pub use signing::{SignedHead, load_or_create_key, sign_head, verify_export};
pub use verify::{Broken, VerifyReport, verify};
