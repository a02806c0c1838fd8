//! Photos and signatures in forms: taking, showing and removing them. The files themselves
//! live in the phone's attachment store ([`crate::media`]); forms hold only their hashes.

mod photo_input;
mod problem;
mod signature_pad;
mod thumbnail;

pub use photo_input::PhotoInput;
pub use signature_pad::SignaturePad;
pub use thumbnail::Thumbnail;
