//! The one font the pictures are drawn in, and its measurements.
//!
//! `DejaVu Sans` (a free font, licence in `assets/fonts/LICENSE-DejaVu.txt`) is
//! bundled, so a picture is wrapped by the real advance widths of the glyphs
//! that will be drawn: the PNG renderer draws with these very files, and the
//! SVG names the font first and pins each line's length (`textLength`), so a
//! viewer that lacks it still keeps every line inside its box.

use skrifa::FontRef;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::prelude::*;
use unicode_width::UnicodeWidthChar;

/// The regular face, as drawn.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The bold face, as drawn.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family name the SVG asks for, then close relatives, then any sans.
pub const FAMILY: &str = "DejaVu Sans";
/// The CSS font stack written into the SVG.
pub const FAMILY_STACK: &str = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif";

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

struct Face {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Self> {
        let font = FontRef::new(bytes).ok()?;
        Some(Self {
            charmap: font.charmap(),
            // Size 1: advances come out in ems.
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
        })
    }

    /// A character's advance in ems. A character the font lacks is drawn by
    /// some fallback font: guess wide for East Asian wide ones, else average.
    fn advance(&self, c: char) -> f32 {
        self.charmap
            .map(c)
            .and_then(|g| self.metrics.advance_width(g))
            .unwrap_or_else(|| match c.width() {
                Some(2) => 1.0,
                Some(0) => 0.0,
                _ => 0.62,
            })
    }
}

/// Measures text as the bundled font draws it (without kerning, which only
/// ever makes a line a little narrower).
pub struct Metrics {
    regular: Option<Face>,
    bold: Option<Face>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        Self {
            regular: Face::new(REGULAR),
            bold: Face::new(BOLD),
        }
    }

    /// The width of `text` at `size` user units.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref().or(self.regular.as_ref()),
        };
        let ems: f32 = match face {
            Some(face) => text.chars().map(|c| face.advance(c)).sum(),
            // Cannot happen with the bundled files; a safe overestimate if it did.
            None => text.chars().map(|_| 0.7).sum(),
        };
        ems * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_load_and_measure_as_dejavu() {
        let m = Metrics::new();
        assert!(m.regular.is_some() && m.bold.is_some());
        // DejaVu Sans: 'M' is 1767/2048 em wide, 'i' 569/2048, space 651/2048.
        let close = |a: f32, b: f32| (a - b).abs() < 1e-3;
        assert!(close(m.width("M", 2048.0, Weight::Regular), 1767.0));
        assert!(close(m.width("i", 2048.0, Weight::Regular), 569.0));
        assert!(close(m.width(" ", 2048.0, Weight::Regular), 651.0));
        assert!(m.width("Gains", 20.0, Weight::Bold) > m.width("Gains", 20.0, Weight::Regular));
    }

    #[test]
    fn characters_the_font_lacks_get_a_width_by_their_kind() {
        let m = Metrics::new();
        // CJK is not in DejaVu Sans: counted as one em each.
        assert!((m.width("日本", 10.0, Weight::Regular) - 20.0).abs() < 1e-3);
    }
}
