//! The workspaces this user opened last, newest first, kept in the app's config folder
//! (`recent.json`) so that the File menu and the start screen can offer them again.
//!
//! At most [`KEEP`] paths are kept, each once (by its absolute path). A missing or
//! unreadable list is an empty one: losing it costs the user a click, never a start.
//! The list is written to a temporary file and renamed over the old one, so a crash
//! midway leaves the previous list.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;

/// How many workspaces the list keeps.
pub const KEEP: usize = 10;
/// The file in the app's config folder.
pub const FILE_NAME: &str = "recent.json";

/// One workspace of the list, as the menu and the start screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RecentWorkspace {
    pub path: String,
    /// The file's name without its extension (a workspace is named after its file).
    pub name: String,
    /// False when the file is no longer there (moved, deleted, on an unplugged disk).
    pub exists: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    version: u32,
    workspaces: Vec<PathBuf>,
}

/// The list, in memory and on disk.
pub struct Recent {
    file: Option<PathBuf>,
    paths: Mutex<Vec<PathBuf>>,
}

impl Recent {
    /// The list kept in `file` (`None`: kept in memory only, when there is no config
    /// folder).
    pub fn load(file: Option<PathBuf>) -> Recent {
        let paths = file
            .as_deref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .map(|stored| tidy(stored.workspaces))
            .unwrap_or_default();
        Recent {
            file,
            paths: Mutex::new(paths),
        }
    }

    /// The paths, newest first.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.lock().clone()
    }

    /// The list as the UI shows it (whether each file is still there is looked at now).
    pub fn entries(&self) -> Vec<RecentWorkspace> {
        self.paths().iter().map(|p| entry(p)).collect()
    }

    /// Puts `path` first (an opened or created workspace).
    pub fn add(&self, path: &Path) {
        let path = absolute(path);
        let mut paths = self.lock();
        paths.retain(|p| *p != path);
        paths.insert(0, path);
        paths.truncate(KEEP);
        self.save(&paths);
    }

    /// Takes `path` off the list (the user removed it); true when it was on it.
    pub fn remove(&self, path: &Path) -> bool {
        let path = absolute(path);
        let mut paths = self.lock();
        let before = paths.len();
        paths.retain(|p| *p != path);
        let removed = paths.len() != before;
        if removed {
            self.save(&paths);
        }
        removed
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.paths
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn save(&self, paths: &[PathBuf]) {
        let Some(file) = &self.file else { return };
        let stored = Stored {
            version: 1,
            workspaces: paths.to_vec(),
        };
        let write = || -> std::io::Result<()> {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let temp = file.with_extension("json.part");
            std::fs::write(&temp, serde_json::to_vec_pretty(&stored)?)?;
            std::fs::rename(&temp, file)
        };
        if let Err(err) = write() {
            eprintln!(
                "successmap: the list of recent workspaces could not be saved to {} ({err})",
                file.display()
            );
        }
    }
}

fn entry(path: &Path) -> RecentWorkspace {
    RecentWorkspace {
        path: path.display().to_string(),
        name: path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
        exists: path.is_file(),
    }
}

/// A stored list as it should be: absolute paths, each once, at most [`KEEP`].
fn tidy(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for path in paths.into_iter().filter(|p| p.is_absolute()) {
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out.truncate(KEEP);
    out
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_comes_first_each_path_once_and_ten_at_most() {
        let dir = tempfile::tempdir().unwrap();
        let recent = Recent::load(Some(dir.path().join(FILE_NAME)));
        for i in 0..12 {
            recent.add(&dir.path().join(format!("w{i}.successmap")));
        }
        recent.add(&dir.path().join("w5.successmap"));
        let names: Vec<String> = recent.entries().into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            ["w5", "w11", "w10", "w9", "w8", "w7", "w6", "w4", "w3", "w2"]
        );
    }

    #[test]
    fn the_list_survives_a_restart_and_says_which_files_are_gone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config").join(FILE_NAME);
        let here = dir.path().join("here.successmap");
        std::fs::write(&here, b"x").unwrap();
        let gone = dir.path().join("gone.successmap");
        {
            let recent = Recent::load(Some(file.clone()));
            recent.add(&gone);
            recent.add(&here);
        }
        let recent = Recent::load(Some(file));
        let entries = recent.entries();
        assert_eq!(
            entries
                .iter()
                .map(|e| (e.name.as_str(), e.exists))
                .collect::<Vec<_>>(),
            [("here", true), ("gone", false)]
        );
        assert!(recent.remove(&gone));
        assert!(!recent.remove(&gone));
        assert_eq!(recent.paths(), [here]);
    }

    #[test]
    fn a_damaged_or_foreign_list_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, b"{ not json").unwrap();
        assert!(Recent::load(Some(file.clone())).paths().is_empty());
        std::fs::write(
            &file,
            br#"{"version":1,"workspaces":["relative.successmap","/a.successmap","/a.successmap"]}"#,
        )
        .unwrap();
        assert_eq!(
            Recent::load(Some(file)).paths(),
            [PathBuf::from("/a.successmap")]
        );
    }
}
