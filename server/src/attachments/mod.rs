//! Attachments: photos of documents, signature images and PDFs, addressed by SHA-256.
//!
//! A phone announces a file (hash, size, the record it belongs to), sends it in chunks that
//! resume where the server's count says after a dropped connection, and the server checks the
//! whole file's hash and its type by content before keeping it. The same content is kept once
//! however many records or phones send it; it is served only to those who may see one of the
//! records it belongs to. Its hash is no key: a kept file is linked to a further record only
//! for someone who sent its bytes or may act on a record it is linked to; anyone else is asked
//! for the bytes, as for a file never seen.

mod error;
mod files;
mod kind;
mod links;
mod open;
mod quota;
mod uploads;

pub use files::AttachmentFiles;
pub use kind::{ALLOWED_TYPES, sniff};
pub use open::open;
pub use quota::{UploadQuota, expire};
pub use uploads::{AttachmentError, BeginUpload, UploadState, begin, put_chunk, status};

/// The largest attachment: a phone photo of a document is a few MB, a scanned PDF a few more.
pub const MAX_SIZE: i64 = 20 * 1024 * 1024;

/// The largest chunk; phones on a weak signal send smaller ones.
pub const MAX_CHUNK: usize = 1024 * 1024;
