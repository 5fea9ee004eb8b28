//! Files the user asks for (exports, copies of the workspace): written so that nothing
//! already on disk is lost.
//!
//! - The open workspace and its companions (`-wal`, `-shm`, `-journal`) are never a
//!   target, by name, through a symbolic link or as a hard link.
//! - An existing file is replaced only when the caller says so ([`Replace::Yes`]); the
//!   app asks the user first and the CLI needs `--force`.
//! - The content goes to a temporary file in the target's folder, is flushed to disk and
//!   then renamed over the target: a full disk, an error or a crash midway leaves the
//!   old file (or none) where it was, never a half-written one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{CoreError, CoreResult};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Refuse with [`CoreError::FileExists`] (the caller asks the user, then tries again).
    No,
    Yes,
}

impl Replace {
    pub fn from_force(force: bool) -> Replace {
        if force {
            Replace::Yes
        } else {
            Replace::No
        }
    }
}

/// The suffixes SQLite gives the files that belong to a database.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Checks that `target` may be written as asked: not the workspace `workspace` (or one
/// of its companion files), not a folder, and not an existing file unless `replace`.
pub fn check_target(target: &Path, workspace: Option<&Path>, replace: Replace) -> CoreResult<()> {
    if target.as_os_str().is_empty() {
        return Err(CoreError::invalid("path", "choose a file to write to"));
    }
    if let Some(workspace) = workspace {
        if is_workspace_file(target, workspace) {
            return Err(CoreError::invalid(
                "path",
                format!(
                    "{} is the open workspace (or one of its own files); writing there would \
                     destroy it, so choose another file",
                    target.display()
                ),
            ));
        }
    }
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_dir() => Err(CoreError::invalid(
            "path",
            format!("{} is a folder; choose a file name", target.display()),
        )),
        Ok(_) if replace == Replace::No => Err(CoreError::FileExists {
            path: target.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// True when `target` is the workspace file or one of its companions: the same path
/// after resolving links, or (for an existing file) the same file on disk.
fn is_workspace_file(target: &Path, workspace: &Path) -> bool {
    let mut own = vec![workspace.to_path_buf()];
    for suffix in COMPANIONS {
        let mut name = workspace.as_os_str().to_owned();
        name.push(suffix);
        own.push(PathBuf::from(name));
    }
    let target_resolved = resolve(target);
    own.iter()
        .any(|file| resolve(file) == target_resolved || same_file_on_disk(file, target))
}

/// The absolute path with links resolved; for a file that does not exist yet, its
/// folder resolved and its name appended.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .unwrap_or_else(|_| parent.to_path_buf())
            .join(name),
        _ => absolute,
    }
}

#[cfg(unix)]
fn same_file_on_disk(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file_on_disk(_a: &Path, _b: &Path) -> bool {
    false
}

/// Writes `target` through `write`, which gets a buffered writer on a temporary file in
/// the same folder; the file takes the target's name only when `write` succeeded and
/// the bytes are on disk. Checks the target first with [`check_target`].
pub fn write_replacing<T>(
    target: &Path,
    workspace: Option<&Path>,
    replace: Replace,
    write: impl FnOnce(&mut BufWriter<File>) -> CoreResult<T>,
) -> CoreResult<T> {
    check_target(target, workspace, replace)?;
    let temp = TempFile::create_beside(target)?;
    let file = temp.file.try_clone().map_err(|e| io_error(target, e))?;
    let mut out = BufWriter::new(file);
    let value = write(&mut out)?;
    out.flush().map_err(|e| io_error(target, e))?;
    drop(out);
    temp.persist(target, replace)?;
    Ok(value)
}

/// Like [`write_replacing`] for content another program writes to a path (SQLite's
/// `VACUUM INTO`): `fill` gets the temporary file's path, which does not exist yet.
pub fn fill_replacing<T>(
    target: &Path,
    workspace: Option<&Path>,
    replace: Replace,
    fill: impl FnOnce(&Path) -> CoreResult<T>,
) -> CoreResult<T> {
    check_target(target, workspace, replace)?;
    let temp = TempFile::create_beside(target)?;
    // The other program creates the file itself: make room, keeping the unique name.
    std::fs::remove_file(&temp.path).map_err(|e| io_error(target, e))?;
    let value = fill(&temp.path)?;
    let mut temp = temp;
    temp.file = File::open(&temp.path).map_err(|e| io_error(target, e))?;
    temp.persist(target, replace)?;
    Ok(value)
}

fn io_error(target: &Path, e: std::io::Error) -> CoreError {
    let why = match e.kind() {
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "the folder does not exist".to_string(),
        _ => e.to_string(),
    };
    CoreError::invalid("path", format!("cannot write {}: {why}", target.display()))
}

/// A temporary file, removed again unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    file: File,
    kept: bool,
}

impl TempFile {
    fn create_beside(target: &Path) -> CoreResult<TempFile> {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let pid = std::process::id();
        for attempt in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = folder.join(format!(".{name}.{pid}-{nanos:x}-{attempt}.part"));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        kept: false,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io_error(target, e)),
            }
        }
        Err(CoreError::invalid(
            "path",
            format!(
                "cannot write {}: no temporary name is free",
                target.display()
            ),
        ))
    }

    /// Flushes the bytes to disk and renames the file to `target` (replacing one there
    /// only with [`Replace::Yes`]).
    fn persist(mut self, target: &Path, replace: Replace) -> CoreResult<()> {
        self.file.sync_all().map_err(|e| io_error(target, e))?;
        // Someone may have created the target since the check.
        if replace == Replace::No && std::fs::symlink_metadata(target).is_ok() {
            return Err(CoreError::FileExists {
                path: target.to_path_buf(),
            });
        }
        if let Ok(old) = std::fs::metadata(target) {
            // A replaced file keeps who may read it.
            let _ = std::fs::set_permissions(&self.path, old.permissions());
        }
        std::fs::rename(&self.path, target).map_err(|e| io_error(target, e))?;
        self.kept = true;
        // The rename itself is on disk only once the folder is.
        if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        let result: CoreResult<()> = write_replacing(&target, None, Replace::Yes, |out| {
            out.write_all(b"half").unwrap();
            Err(CoreError::invalid("x", "disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        let err = write_replacing(&target, None, Replace::No, |out| {
            out.write_all(b"new")
                .map_err(|e| CoreError::invalid("x", e.to_string()))
        })
        .unwrap_err();
        assert!(matches!(err, CoreError::FileExists { .. }), "{err:?}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        write_replacing(&target, None, Replace::Yes, |out| {
            out.write_all(b"new")
                .map_err(|e| CoreError::invalid("x", e.to_string()))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_workspace_and_its_companions_are_never_a_target() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("team.db");
        std::fs::write(&ws, "workspace").unwrap();
        let wal = dir.path().join("team.db-wal");
        std::fs::write(&wal, "wal").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&ws, &link).unwrap();
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&wal, &hard).unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        for target in [
            ws.clone(),
            wal.clone(),
            dir.path().join("team.db-shm"),
            dir.path().join("team.db-journal"),
            sub.join("../team.db"),
            link,
            hard,
        ] {
            let err = check_target(&target, Some(&ws), Replace::Yes).unwrap_err();
            assert!(
                err.to_string().contains("the open workspace"),
                "{}: {err}",
                target.display()
            );
        }
        assert!(check_target(&dir.path().join("team.csv"), Some(&ws), Replace::No).is_ok());
        assert_eq!(std::fs::read_to_string(&ws).unwrap(), "workspace");
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = check_target(dir.path(), None, Replace::Yes).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }
}
