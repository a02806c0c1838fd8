//! Drawing a signature on a canvas and keeping it as a PNG (browser only). Coordinates come
//! in CSS pixels (a pointer event's offset); the canvas holds device pixels, so lines stay
//! sharp on a phone's dense screen.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::MediaError;

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Device pixels per CSS pixel of the canvas as laid out.
fn scale(canvas: &HtmlCanvasElement) -> f64 {
    let css = f64::from(canvas.client_width().max(1));
    f64::from(canvas.width()) / css
}

/// Sizes the canvas to its box on screen and paints it white (the PNG prints on paper).
pub fn reset(canvas: &HtmlCanvasElement) {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    let (w, h) = if w > 0 && h > 0 { (w, h) } else { (320, 160) };
    canvas.set_width((f64::from(w) * ratio).round() as u32);
    canvas.set_height((f64::from(h) * ratio).round() as u32);
    if let Some(ctx) = context(canvas) {
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
    }
}

/// Draws a line of the signature from `from` to `to` (CSS pixels).
pub fn line(canvas: &HtmlCanvasElement, from: (f64, f64), to: (f64, f64)) {
    let Some(ctx) = context(canvas) else {
        return;
    };
    let k = scale(canvas);
    ctx.set_stroke_style_str("#111");
    ctx.set_line_width(2.5 * k);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.begin_path();
    ctx.move_to(from.0 * k, from.1 * k);
    // A tap without movement still leaves a dot.
    let to = if from == to { (to.0 + 0.01, to.1) } else { to };
    ctx.line_to(to.0 * k, to.1 * k);
    ctx.stroke();
}

/// Keeps the signature as a PNG in the phone's attachment store; answers its hash.
pub async fn keep(canvas: &HtmlCanvasElement) -> Result<String, MediaError> {
    let png = super::compress::to_blob(canvas, "image/png", None).await?;
    super::keep::keep(&png).await
}
