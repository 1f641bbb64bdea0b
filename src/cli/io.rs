//! Writing output files safely: every file the command writes goes through
//! here. The library writes no files (its exporters return strings).

use std::io::Write;
use std::path::Path;

use argmap::Error;

/// Writes `bytes` to `path` atomically: the bytes go to a temporary file in the
/// same directory, which is then renamed over `path`. A reader (an image viewer,
/// a LaTeX build, `--watch`) therefore sees either the old file or the whole new
/// one, never a half-written file, and a failed write leaves the old file as it
/// was.
///
/// A new file gets mode `0o644` on Unix (the temporary file would otherwise keep
/// its private `0o600`); an existing file keeps its permissions.
///
/// Fails with [`argmap::Error::Write`], which names `path` and says what the
/// operating system reported.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] for content produced piece by piece: `write` streams it into
/// a buffered writer on the temporary file. If `write` fails (or the disk fills
/// up), the temporary file is removed and `path` is left exactly as it was.
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let named = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".argmap-").suffix(".tmp");
    let perms = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = perms {
        builder.permissions(p);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        // Not tempfile's message, which names the temporary file: what is
        // wrong with the folder the user named.
        reason: if dir.is_dir() {
            format!("cannot create a file in {} ({})", dir.display(), e.kind())
        } else if dir.exists() {
            format!("{} is not a folder", dir.display())
        } else {
            format!("the folder {} does not exist", dir.display())
        },
    })?;
    // On any error below, `tmp` is dropped, which deletes the temporary file.
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut w).map_err(named)?;
        w.flush().map_err(named)?;
    }
    tmp.as_file().sync_all().map_err(named)?;
    tmp.persist(path).map_err(|e| named(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_an_existing_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.svg");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.dot");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.svg");
        let e = write_atomic(&path, b"x").unwrap_err();
        assert!(e.to_string().contains("no/such/dir/out.svg"), "{e}");
    }

    #[test]
    fn a_writer_failing_halfway_leaves_the_old_file_and_no_temporary_file() {
        // Fault injection: the content is written in pieces and the writer fails
        // after half of it, as a full disk or an I/O error would.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.dot");
        std::fs::write(&path, "the old diagram\n").unwrap();
        let new = vec![b'x'; 200_000];
        let e = write_atomic_with(&path, |w| {
            w.write_all(&new[..100_000])?;
            Err(std::io::Error::other("injected failure after 100000 bytes"))
        })
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot write {}: injected failure after 100000 bytes",
                path.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old diagram\n");
        let names = || std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(names(), 1, "a temporary file was left behind");
        // And when the writer succeeds, the whole new content replaces the old.
        write_atomic_with(&path, |w| w.write_all(&new)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), new);
        assert_eq!(names(), 1);
    }
}
