//! Photos, signatures and the visit's location, taken on the phone. Pictures are compressed
//! in the browser to a readable few hundred KB, hashed with SHA-256 and kept in IndexedDB as
//! Blobs under their hash until sign-out; records carry only the hashes, and the upload engine
//! (`sync::uploads`) sends the files once the server has the record.
//!
//! This module is the components' door to all of that, like [`crate::phone`] for records: the
//! same calls compile on the server, where they do nothing (event handlers never run there),
//! so components need no `cfg`. The pure parts (sizes, hashing) are tested natively.

pub mod digest;
pub mod sizing;

#[cfg(feature = "hydrate")]
mod compress;
#[cfg(feature = "hydrate")]
mod geolocation;
#[cfg(feature = "hydrate")]
pub(crate) mod keep;
#[cfg(feature = "hydrate")]
mod signature;

use leptos::web_sys::{Event, HtmlCanvasElement};

/// Why a picture was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaError {
    /// The browser cannot decode the file as a picture.
    NotAnImage,
    /// The phone's storage refused it (full?).
    Storage,
    /// The browser lacks something needed (very old, or a failure inside it).
    Browser,
}

/// Why no location was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocateError {
    /// The browser (or the helper) refused the permission.
    Denied,
    /// No fix: indoors, GPS off, or no location service at all.
    Unavailable,
    /// No fix within the time allowed.
    Timeout,
}

/// The files picked in a file input (camera or gallery), taken out of the input so that the
/// same picture can be picked again.
pub struct Picked {
    #[cfg(feature = "hydrate")]
    files: Vec<leptos::web_sys::Blob>,
}

impl Picked {
    /// The files of the input that `ev` (its `change`) came from.
    pub fn from_input(ev: &Event) -> Picked {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok());
            let mut files = Vec::new();
            if let Some(input) = input {
                if let Some(list) = input.files() {
                    files.extend(
                        (0..list.length())
                            .filter_map(|i| list.get(i))
                            .map(Into::into),
                    );
                }
                input.set_value("");
            }
            Picked { files }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ev;
            Picked {}
        }
    }

    /// How many files were picked.
    pub fn len(&self) -> usize {
        #[cfg(feature = "hydrate")]
        return self.files.len();
        #[cfg(not(feature = "hydrate"))]
        0
    }

    /// Whether nothing was picked.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Compresses, hashes and keeps the `i`-th file; answers its hash.
    pub async fn keep(&self, i: usize) -> Result<String, MediaError> {
        #[cfg(feature = "hydrate")]
        {
            let file = self.files.get(i).ok_or(MediaError::Browser)?;
            let jpeg = compress::compress(file).await?;
            keep::keep(&jpeg).await
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = i;
            Err(MediaError::Browser)
        }
    }
}

/// An object URL showing the attachment kept under `sha256`; give it back with [`revoke`].
pub async fn object_url(sha256: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let kept = crate::store::attachments::get(sha256).await.ok()??;
        leptos::web_sys::Url::create_object_url_with_blob(&kept.blob).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = sha256;
        None
    }
}

/// Frees an object URL made by [`object_url`].
pub fn revoke(url: &str) {
    #[cfg(feature = "hydrate")]
    let _ = leptos::web_sys::Url::revoke_object_url(url);
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// The media type of a kept attachment (`image/png` for signatures, `image/jpeg` for photos).
pub async fn media_type(sha256: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    return crate::store::attachments::get(sha256)
        .await
        .ok()
        .flatten()
        .map(|k| k.media_type);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = sha256;
        None
    }
}

/// Those of `hashes` whose files this phone keeps (a record fixed on another phone of the
/// same helper may name photos taken there: that phone uploads them).
pub async fn kept_here<'a>(hashes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut here = Vec::new();
    for sha in hashes {
        if media_type(sha).await.is_some() {
            here.push(sha.to_owned());
        }
    }
    here
}

/// Readies a signature canvas: sized to its box, blank.
pub fn pad_reset(canvas: &HtmlCanvasElement) {
    #[cfg(feature = "hydrate")]
    signature::reset(canvas);
    #[cfg(not(feature = "hydrate"))]
    let _ = canvas;
}

/// Draws a stroke of a signature, in CSS pixels of the canvas.
pub fn pad_line(canvas: &HtmlCanvasElement, from: (f64, f64), to: (f64, f64)) {
    #[cfg(feature = "hydrate")]
    signature::line(canvas, from, to);
    #[cfg(not(feature = "hydrate"))]
    let _ = (canvas, from, to);
}

/// Keeps the signature on the canvas as a PNG; answers its hash.
pub async fn pad_keep(canvas: &HtmlCanvasElement) -> Result<String, MediaError> {
    #[cfg(feature = "hydrate")]
    return signature::keep(canvas).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = canvas;
        Err(MediaError::Browser)
    }
}

/// The phone's position (latitude, longitude in degrees), waiting at most `timeout_ms`.
pub async fn locate(timeout_ms: u32) -> Result<(f64, f64), LocateError> {
    #[cfg(feature = "hydrate")]
    return geolocation::locate(timeout_ms).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = timeout_ms;
        Err(LocateError::Unavailable)
    }
}
