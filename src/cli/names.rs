//! Canvas names for FILE (SPEC §4): anywhere a command takes FILE, a bare
//! name as `new` and `list` print it also works. A path that exists wins;
//! otherwise `NAME` or `NAME.ron` in the data directory; if neither exists,
//! the error says where it looked.

use std::path::{Path, PathBuf};

use crate::storage::{self, EXTENSION};

/// FILE could be neither a path nor a canvas name.
#[derive(Debug, thiserror::Error)]
#[error("no canvas {}: not a file at {}, nor {} in the data folder {}", .given.display(), .here.display(), .tried.join(" or "), .dir.display())]
pub struct NoSuchCanvas {
    pub given: PathBuf,
    /// The path as given, made absolute.
    pub here: PathBuf,
    /// The names tried in the data folder.
    pub tried: Vec<String>,
    pub dir: PathBuf,
}

/// Where FILE is: the path when it exists, else the canvas of that name in
/// `data_dir` (the data folder, as `--data-dir` or the environment say).
pub fn existing(
    file: &Path,
    data_dir: Option<&Path>,
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if file.exists() {
        return Ok(file.to_path_buf());
    }
    let dir = storage::data_dir(data_dir)?;
    match in_data_dir(file, &dir) {
        Ok(found) => Ok(found),
        Err(tried) => Err(Box::new(NoSuchCanvas {
            given: file.to_path_buf(),
            here: std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
            tried,
            dir,
        })),
    }
}

/// Where the editor opens FILE: the path when it exists, else the canvas of
/// that name in the data folder, else FILE itself (a new canvas there).
pub fn to_open(file: &Path, data_dir: Option<&Path>) -> PathBuf {
    if file.exists() {
        return file.to_path_buf();
    }
    storage::data_dir(data_dir)
        .ok()
        .and_then(|dir| in_data_dir(file, &dir).ok())
        .unwrap_or_else(|| file.to_path_buf())
}

/// `NAME` or `NAME.ron` in `dir`, when FILE is a bare name (no folder in it);
/// else the names that were tried.
fn in_data_dir(file: &Path, dir: &Path) -> Result<PathBuf, Vec<String>> {
    let bare = file.components().count() == 1 && file.file_name().is_some();
    if !bare {
        return Err(Vec::new());
    }
    let name = file.to_string_lossy().into_owned();
    let mut tried = vec![name.clone()];
    if file.extension().is_none_or(|e| e != EXTENSION) {
        tried.push(format!("{name}.{EXTENSION}"));
    }
    tried
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .ok_or(tried)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_path_that_exists_wins_then_the_name_in_the_data_folder() {
        let data = tempfile::tempdir().unwrap();
        let here = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("nurse-meals.ron"), "()").unwrap();
        let mine = here.path().join("nurse-meals");
        assert_eq!(
            existing(Path::new("nurse-meals"), Some(data.path())).unwrap(),
            data.path().join("nurse-meals.ron")
        );
        assert_eq!(
            existing(Path::new("nurse-meals.ron"), Some(data.path())).unwrap(),
            data.path().join("nurse-meals.ron")
        );
        std::fs::write(&mine, "()").unwrap();
        assert_eq!(existing(&mine, Some(data.path())).unwrap(), mine);
    }

    #[test]
    fn an_unknown_name_says_where_it_looked() {
        let data = tempfile::tempdir().unwrap();
        let e = existing(Path::new("nowhere"), Some(data.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("nowhere or nowhere.ron"), "{e}");
        assert!(e.contains(&data.path().display().to_string()), "{e}");
        assert!(e.starts_with("no canvas nowhere: not a file at /"), "{e}");
    }

    #[test]
    fn the_editor_opens_a_new_file_where_no_canvas_has_the_name() {
        let data = tempfile::tempdir().unwrap();
        assert_eq!(
            to_open(Path::new("fresh.ron"), Some(data.path())),
            PathBuf::from("fresh.ron")
        );
        std::fs::write(data.path().join("fresh.ron"), "()").unwrap();
        assert_eq!(
            to_open(Path::new("fresh"), Some(data.path())),
            data.path().join("fresh.ron")
        );
    }
}
