//! How big a stored photo may be, and the steps that get it there: pure numbers, tested
//! natively. A photo of a document must stay readable; a village's mobile signal must carry
//! it, so "a few hundred KB".

/// The longest side of a stored photo, in pixels: a printed A4 page stays readable.
pub const MAX_SIDE: u32 = 1600;

/// The size a photo should not exceed once compressed, in bytes.
pub const TARGET_BYTES: f64 = 450.0 * 1024.0;

/// One try at encoding: the share of the scaled size and the JPEG quality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    /// 1.0 is the size [`scaled`] gives; smaller only when quality alone is not enough.
    pub scale: f64,
    /// JPEG quality, 0..=1.
    pub quality: f64,
}

/// The tries, in order: the quality goes down step by step from 0.8; a photo still too big
/// at 0.5 (a very busy picture) is made smaller too. The last one is kept whatever its size.
pub const ATTEMPTS: [Attempt; 7] = [
    Attempt {
        scale: 1.0,
        quality: 0.8,
    },
    Attempt {
        scale: 1.0,
        quality: 0.7,
    },
    Attempt {
        scale: 1.0,
        quality: 0.6,
    },
    Attempt {
        scale: 1.0,
        quality: 0.5,
    },
    Attempt {
        scale: 0.8,
        quality: 0.5,
    },
    Attempt {
        scale: 0.65,
        quality: 0.5,
    },
    Attempt {
        scale: 0.5,
        quality: 0.45,
    },
];

/// The size to draw a `width` × `height` picture at so that its longer side is at most
/// `max_side` (never enlarged, never below 1 px, proportions kept).
pub fn scaled(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_side || long == 0 {
        return (width.max(1), height.max(1));
    }
    let ratio = f64::from(max_side) / f64::from(long);
    let side = |v: u32| ((f64::from(v) * ratio).round() as u32).clamp(1, max_side);
    (side(width), side(height))
}

/// [`scaled`] then shrunk by `factor` (an [`Attempt::scale`]).
pub fn attempt_size(width: u32, height: u32, factor: f64) -> (u32, u32) {
    let (w, h) = scaled(width, height, MAX_SIDE);
    let shrink = |v: u32| ((f64::from(v) * factor).round() as u32).max(1);
    (shrink(w), shrink(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_side_comes_down_to_the_limit_and_proportions_stay() {
        assert_eq!(scaled(3000, 2000, 1600), (1600, 1067));
        assert_eq!(scaled(2000, 3000, 1600), (1067, 1600));
        assert_eq!(scaled(4000, 4000, 1600), (1600, 1600));
    }

    #[test]
    fn small_pictures_are_never_enlarged() {
        assert_eq!(scaled(800, 600, 1600), (800, 600));
        assert_eq!(scaled(1600, 10, 1600), (1600, 10));
    }

    #[test]
    fn a_sliver_keeps_one_pixel() {
        assert_eq!(scaled(10_000, 1, 1600), (1600, 1));
        assert_eq!(scaled(0, 0, 1600), (1, 1));
    }

    #[test]
    fn attempts_lower_quality_before_size_and_end_small() {
        assert_eq!(
            ATTEMPTS[0],
            Attempt {
                scale: 1.0,
                quality: 0.8
            }
        );
        for pair in ATTEMPTS.windows(2) {
            assert!(pair[1].scale <= pair[0].scale);
            assert!(pair[1].quality <= pair[0].quality || pair[1].scale < pair[0].scale);
        }
        assert_eq!(attempt_size(3000, 2000, 0.5), (800, 534));
    }
}
