//! Output folders are written all or nothing: the files go to a hidden staging folder beside
//! the target, which then takes the target's place by rename.
//!
//! The target may be missing or empty. A folder holding only files of the output's own kind
//! (an earlier run's calendars or CSV tables) is replaced with `--force`, as a whole, so no stale file of an
//! earlier run survives. A folder holding anything else is never touched, even with `--force`.

use std::fs;
use std::path::{Path, PathBuf};

/// Why an output folder was not written.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The folder holds an earlier output and replacing it was not asked for.
    #[error("{0} exists and holds {1} file(s) of an earlier run; choose another folder or pass --force to replace them")]
    Exists(String, usize),
    /// The folder is an input of the command.
    #[error("{0} is an input of this command; write the output elsewhere")]
    IsInput(String),
    /// The folder holds files this command did not write.
    #[error("{0} holds other files (such as `{1}`); write to a new or empty folder (--force replaces only a folder of earlier output)")]
    Foreign(String, String),
    /// The folder is the working directory or the root, which cannot be swapped by rename.
    #[error("{0} is the current or the root folder; write the {1} to a new folder inside it")]
    NotSwappable(String, &'static str),
    /// The path exists and is not a folder.
    #[error("{0} exists and is not a folder; choose a folder name")]
    NotAFolder(String),
    /// The system refused.
    #[error("cannot write {file}: {source}")]
    Io {
        /// The file or folder.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
}

impl FolderError {
    /// Whether the fault is the caller's choice of folder (exit 2) rather than the system's.
    pub fn is_usage(&self) -> bool {
        !matches!(self, FolderError::Io { .. })
    }
}

/// What the target folder holds now.
enum Target {
    Absent,
    Empty,
    Earlier(usize),
}

/// Checks that `dir` may receive output whose files end in `ext` (e.g. `.ics`).
pub fn usable_folder(dir: &Path, ext: &str, force: bool) -> Result<(), FolderError> {
    match inspect(dir, ext)? {
        Target::Earlier(n) if !force => Err(FolderError::Exists(dir.display().to_string(), n)),
        _ => Ok(()),
    }
}

fn inspect(dir: &Path, ext: &str) -> Result<Target, FolderError> {
    let shown = dir.display().to_string();
    let io = |source| FolderError::Io {
        file: shown.clone(),
        source,
    };
    let meta = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Absent),
        Err(e) => return Err(io(e)),
        Ok(m) => m,
    };
    if !meta.is_dir() {
        return Err(FolderError::NotAFolder(shown));
    }
    let mut names: Vec<(String, bool)> = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let is_file = entry.file_type().map_err(io)?.is_file();
        names.push((entry.file_name().to_string_lossy().into_owned(), is_file));
    }
    names.sort();
    if let Some((name, _)) = names.iter().find(|(n, f)| !f || !n.ends_with(ext)) {
        return Err(FolderError::Foreign(shown, name.clone()));
    }
    Ok(match names.len() {
        0 => Target::Empty,
        n => Target::Earlier(n),
    })
}

/// Writes `files` (name, contents) as the whole contents of `dir`, all or nothing; see the
/// module doc for which existing folders may be replaced. A folder among `inputs` is refused.
pub fn write_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    ext: &str,
    force: bool,
    inputs: &[&Path],
) -> Result<(), FolderError> {
    let same = |p: &Path| matches!((p.canonicalize(), dir.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if inputs.iter().any(|p| same(p)) {
        return Err(FolderError::IsInput(dir.display().to_string()));
    }
    usable_folder(dir, ext, force)?;
    let target = inspect(dir, ext)?;
    let (dir, parent) = &swappable(dir, &target, ext)?;
    let io = |file: &Path| {
        let file = file.display().to_string();
        move |source| FolderError::Io { file, source }
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = staging_dir(parent).map_err(io(dir))?;
    for (name, bytes) in files {
        let path = staging.path().join(name);
        fs::write(&path, bytes).map_err(io(&dir.join(name)))?;
        fs::File::open(&path)
            .and_then(|f| f.sync_all())
            .map_err(io(&dir.join(name)))?;
    }
    match target {
        // rename(2) replaces an empty folder.
        Target::Absent | Target::Empty => fs::rename(staging.path(), dir).map_err(io(dir))?,
        Target::Earlier(_) => {
            let old = staging_dir(parent).map_err(io(dir))?;
            fs::rename(dir, old.path()).map_err(io(dir))?;
            if let Err(e) = fs::rename(staging.path(), dir) {
                let _ = fs::rename(old.path(), dir);
                return Err(io(dir)(e));
            }
            // `old` now holds the earlier output and is removed when dropped.
        }
    }
    let _ = staging.keep();
    Ok(())
}

/// The folder as an absolute path without `.` or `..`, and its parent, where the staging folder
/// goes; refuses the working directory and the root.
fn swappable(dir: &Path, target: &Target, ext: &str) -> Result<(PathBuf, PathBuf), FolderError> {
    let shown = dir.display().to_string();
    let io = |source| FolderError::Io {
        file: shown.clone(),
        source,
    };
    let full = match target {
        Target::Absent => std::path::absolute(dir).map_err(io)?,
        _ => dir.canonicalize().map_err(io)?,
    };
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    match full.parent() {
        Some(parent) if here.as_ref() != Some(&full) => {
            let parent = parent.to_path_buf();
            Ok((full, parent))
        }
        _ => Err(FolderError::NotSwappable(shown, what(ext))),
    }
}

/// What files ending in `ext` are, in an error message.
fn what(ext: &str) -> &'static str {
    match ext {
        ".ics" => "calendars",
        ".csv" => "CSV files",
        _ => "files",
    }
}

/// A hidden, empty folder in `parent` (removed with its contents when dropped).
fn staging_dir(parent: &Path) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix(".mtplan-").tempdir_in(parent)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755))?;
    }
    Ok(dir)
}
