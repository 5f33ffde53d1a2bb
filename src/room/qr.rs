//! The join address as a QR code: its modules with the 4-module quiet zone
//! a scanner needs, for the editor to draw with block characters.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone around the code, in modules (the standard's minimum).
pub const QUIET: usize = 4;

/// The code's modules, quiet zone included, row by row: `true` is dark.
/// `None` only for a text too long for any QR code.
pub fn modules(text: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET;
    let mut grid = vec![vec![false; side]; side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            grid[i / width + QUIET][i % width + QUIET] = true;
        }
    }
    Some(grid)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Decodes a module grid back to text, each module `scale` pixels.
    pub(crate) fn decode(grid: &[Vec<bool>], scale: usize) -> String {
        let side = grid.len() * scale;
        let img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            if grid[y / scale][x / scale] { 0 } else { 255 }
        });
        let mut img = img;
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_code_reads_back_as_the_address_with_its_quiet_zone() {
        let url = "http://192.168.1.23:7878/0123456789abcdef/";
        let grid = modules(url).unwrap();
        assert!(grid[..QUIET].iter().all(|row| row.iter().all(|m| !m)));
        assert!(grid.iter().all(|row| row[..QUIET].iter().all(|m| !m)));
        assert_eq!(decode(&grid, 4), url);
    }
}
