//! Output files are written atomically: a temporary file in the same folder, then a rename.

use std::io::Write;
use std::path::Path;

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and overwriting was not asked for.
    #[error("{0} exists; choose another name or pass --force to replace it")]
    Exists(String),
    /// The output would replace an input.
    #[error("{0} is an input of this command; write the output elsewhere")]
    IsInput(String),
    /// The system refused.
    #[error("cannot write {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Whether `path` may be written: it is none of `inputs`, and it does not exist unless `force`
/// is set. Commands check this before their work, and [`write_atomic`] again before writing.
pub fn writable(path: &Path, force: bool, inputs: &[&Path]) -> Result<(), WriteError> {
    let file = || path.display().to_string();
    let same = |p: &Path| match (p.canonicalize(), path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if inputs.iter().any(|p| same(p)) {
        return Err(WriteError::IsInput(file()));
    }
    if path.exists() && !force {
        return Err(WriteError::Exists(file()));
    }
    Ok(())
}

/// Writes `contents` to `path` atomically; never replaces an input, and replaces an existing
/// file only when `force` is set.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool, inputs: &[&Path]) -> Result<(), WriteError> {
    writable(path, force, inputs)?;
    let file = path.display().to_string();
    let io = |source| WriteError::Io {
        file: file.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = temp_file(dir).map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    Ok(())
}

/// A temporary file in `dir`, readable as a normal file would be (0666 less the umask), not
/// tempfile's private 0600.
fn temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mtplan-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}
