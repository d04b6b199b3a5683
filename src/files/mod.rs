//! Writing outputs safely: a file is written atomically (a temporary file beside it, then a
//! rename) and a folder all or nothing (a hidden staging folder, then a rename); neither ever
//! replaces an input, nor an existing output unless asked.

mod file;
mod folder;

pub use file::{writable, write_atomic, WriteError};
pub use folder::{usable_folder, write_folder, FolderError};
