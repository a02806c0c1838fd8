//! A picked picture made into a stored photo (browser only): decoded by the browser
//! (`createImageBitmap`, or an `<img>` where that fails), drawn at most
//! [`MAX_SIDE`](super::sizing::MAX_SIDE) px on its long side, encoded as JPEG at falling
//! quality until it fits [`TARGET_BYTES`]. The pixels stay in the browser; Rust only sees
//! numbers.

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, ImageBitmap, Url,
};

use super::MediaError;
use super::sizing::{ATTEMPTS, TARGET_BYTES, attempt_size};

/// A decoded picture.
enum Picture {
    Bitmap(ImageBitmap),
    /// The fallback, with the object URL it was loaded from.
    Image(HtmlImageElement, String),
}

impl Picture {
    fn size(&self) -> (u32, u32) {
        match self {
            Picture::Bitmap(b) => (b.width(), b.height()),
            Picture::Image(i, _) => (i.natural_width(), i.natural_height()),
        }
    }

    fn draw(&self, ctx: &CanvasRenderingContext2d, w: f64, h: f64) -> Result<(), JsValue> {
        match self {
            Picture::Bitmap(b) => ctx.draw_image_with_image_bitmap_and_dw_and_dh(b, 0.0, 0.0, w, h),
            Picture::Image(i, _) => {
                ctx.draw_image_with_html_image_element_and_dw_and_dh(i, 0.0, 0.0, w, h)
            }
        }
    }

    /// Frees the decoded pixels now rather than at the next garbage collection: a 12 MP
    /// photo holds about 48 MB, a lot for a cheap phone.
    fn release(self) {
        match self {
            Picture::Bitmap(b) => b.close(),
            Picture::Image(_, url) => {
                let _ = Url::revoke_object_url(&url);
            }
        }
    }
}

/// The compressed JPEG of the picture in `file`; [`MediaError::NotAnImage`] when the browser
/// cannot decode it.
pub async fn compress(file: &Blob) -> Result<Blob, MediaError> {
    let picture = decode(file).await?;
    let result = encode(&picture).await;
    picture.release();
    result
}

async fn decode(file: &Blob) -> Result<Picture, MediaError> {
    let window = web_sys::window().ok_or(MediaError::Browser)?;
    if let Ok(p) = window.create_image_bitmap_with_blob(file)
        && let Ok(bitmap) = JsFuture::from(p).await
    {
        return Ok(Picture::Bitmap(bitmap.unchecked_into()));
    }
    // Older browsers (and some formats) decode only through an <img>.
    let url = Url::create_object_url_with_blob(file).map_err(|_| MediaError::Browser)?;
    let img = HtmlImageElement::new().map_err(|_| MediaError::Browser)?;
    let loaded = Promise::new(&mut |resolve: Function, reject: Function| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&url);
    let outcome = JsFuture::from(loaded).await;
    img.set_onload(None);
    img.set_onerror(None);
    if outcome.is_err() || img.natural_width() == 0 {
        let _ = Url::revoke_object_url(&url);
        return Err(MediaError::NotAnImage);
    }
    Ok(Picture::Image(img, url))
}

async fn encode(picture: &Picture) -> Result<Blob, MediaError> {
    let (width, height) = picture.size();
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into().ok())
        .ok_or(MediaError::Browser)?;
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(MediaError::Browser)?;
    let mut drawn = (0, 0);
    let mut best = None;
    for attempt in ATTEMPTS {
        let (w, h) = attempt_size(width, height, attempt.scale);
        if drawn != (w, h) {
            canvas.set_width(w);
            canvas.set_height(h);
            let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
            // JPEG has no transparency: a transparent PNG would turn black.
            ctx.set_fill_style_str("#fff");
            ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
            picture
                .draw(&ctx, f64::from(w), f64::from(h))
                .map_err(|_| MediaError::NotAnImage)?;
            drawn = (w, h);
        }
        let blob = to_blob(&canvas, "image/jpeg", Some(attempt.quality)).await?;
        let fits = blob.size() <= TARGET_BYTES;
        best = Some(blob);
        if fits {
            break;
        }
    }
    // Give the canvas memory back at once.
    canvas.set_width(0);
    canvas.set_height(0);
    best.ok_or(MediaError::Browser)
}

/// The canvas as a file of `media_type` (`quality` for JPEG).
pub async fn to_blob(
    canvas: &HtmlCanvasElement,
    media_type: &str,
    quality: Option<f64>,
) -> Result<Blob, MediaError> {
    let quality = quality.map(JsValue::from_f64).unwrap_or(JsValue::UNDEFINED);
    let mut started = Ok(());
    let made = Promise::new(&mut |resolve: Function, _reject: Function| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        started = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            media_type,
            &quality,
        );
    });
    started.map_err(|_| MediaError::Browser)?;
    JsFuture::from(made)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok())
        .ok_or(MediaError::Browser)
}
