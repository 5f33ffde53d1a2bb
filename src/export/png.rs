//! The picture as a PNG, drawn in-process by resvg (a pure-Rust SVG renderer)
//! with the bundled font, at twice the SVG's size so it stays sharp on a
//! slide. Deterministic: no system font is consulted.

use crate::canvas::Canvas;

use super::ExportError;

/// How many pixels per SVG user unit.
pub const SCALE: f32 = 2.0;

/// The canvas as PNG bytes, 3840×2160.
pub fn png(canvas: &Canvas) -> Result<Vec<u8>, ExportError> {
    rasterise(&super::svg::svg(canvas))
}

/// The picture's SVG as PNG bytes, 3840×2160.
#[cfg(feature = "png")]
pub fn rasterise(svg: &str) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};

    let mut options = usvg::Options {
        font_family: super::font::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(super::font::REGULAR.to_vec());
    fonts.load_font_data(super::font::BOLD.to_vec());
    fonts.set_sans_serif_family(super::font::FAMILY);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Png(e.to_string()))?;
    let size = tree.size();
    // The page is 1920×1080 by construction: positive and small.
    #[allow(clippy::cast_sign_loss)]
    let (w, h) = (
        (size.width() * SCALE).round() as u32,
        (size.height() * SCALE).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| ExportError::Png(format!("cannot make a {w}×{h} image")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))
}

/// Without the `png` feature there is no renderer: say so.
#[cfg(not(feature = "png"))]
pub fn rasterise(_svg: &str) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::PngUnavailable)
}
