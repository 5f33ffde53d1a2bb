//! The one rule for every canvas vpcanvas writes: what it writes, it can
//! read. A canvas becomes bytes for its file only through [`CanvasText::of`],
//! which refuses text over the limit `load` enforces, so no writer (the
//! editor's save, `merge`, `import`, a conflict copy) can make a file that
//! no command could open again.

use std::path::Path;

use crate::canvas::Canvas;
use crate::canvas::file::{MAX_FILE_BYTES, to_ron};

use super::StorageError;

/// The text of a canvas file, known to be within what `load` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanvasText(String);

impl CanvasText {
    /// The file text of `canvas`, to be written at `path`; over the limit
    /// it is [`StorageError::TooLargeToSave`] and nothing may be written.
    pub fn of(path: &Path, canvas: &Canvas) -> Result<Self, StorageError> {
        let text = to_ron(canvas);
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(StorageError::TooLargeToSave {
                path: path.to_path_buf(),
                size: text.len() as u64,
            });
        }
        Ok(Self(text))
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many MiB `size` bytes are, rounded up, for a message.
pub fn mib(size: u64) -> u64 {
    size.div_ceil(1024 * 1024)
}
