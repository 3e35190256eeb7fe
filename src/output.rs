//! Where the command-line output goes: warnings on stderr that never stop
//! the work, and reports on stdout or in a file written atomically, with
//! every write error reported (only a closed pipe ends quietly).

use crosscheck::corpus::FileId;
use crosscheck::text::display::sanitize;
use std::ffi::CString;
use std::fmt::Display;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Once;

/// Prints `crosscheck: <message>` on stderr, best effort: a closed or full
/// stderr (`2>&1 | head -2`, `2>/dev/full`) never panics or stops the work,
/// the warning is just lost. Control characters are shown visibly.
pub fn warn(message: impl Display) {
    let line = format!("crosscheck: {}\n", sanitize(&message.to_string()));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Buffer size for reports: large writes, few system calls.
const BUFFER: usize = 64 * 1024;

/// A report's destination, opened before the work starts so that an
/// unwritable one is reported at once, not after the analysis.
pub enum Sink {
    /// Standard output; a closed pipe (`| head`) ends the report quietly.
    Stdout(BufWriter<io::Stdout>),
    /// A regular file, written through a temporary file beside it.
    Atomic(AtomicFile),
    /// A device or FIFO (`/dev/null`, `/dev/stdout`), written directly:
    /// renaming over it would replace the device or pipe itself.
    Direct {
        /// The path as given, for messages.
        path: PathBuf,
        /// The open device or pipe.
        out: BufWriter<File>,
    },
}

impl Sink {
    /// Standard output.
    pub fn stdout() -> Sink {
        Sink::Stdout(BufWriter::with_capacity(BUFFER, io::stdout()))
    }

    /// `--output path`. Refuses a directory, and a regular file that is one
    /// of the inputs (`is_input`, asked only about an existing regular
    /// file: the report would replace an article), naming the path in the
    /// message. A device given as input too (`/dev/null`) is only written
    /// to, so it is not refused.
    pub fn file(path: &Path, is_input: &dyn Fn(FileId) -> bool) -> Result<Sink, String> {
        let shown = path.display();
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => return Err(format!("{shown}: cannot write: is a directory")),
            Ok(m) if m.is_file() && is_input(FileId::of(&m)) => {
                return Err(format!(
                    "{shown}: cannot write: it is one of the inputs (the report would replace it)"
                ))
            }
            Ok(m) if !m.is_file() => {
                return fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map(|f| Sink::Direct {
                        path: path.to_path_buf(),
                        out: BufWriter::with_capacity(BUFFER, f),
                    })
                    .map_err(|e| format!("{shown}: cannot write: {e}"));
            }
            _ => {}
        }
        AtomicFile::create(path)
            .map(Sink::Atomic)
            .map_err(|e| format!("{shown}: cannot write: {e}"))
    }

    /// Where the report's bytes go.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::Atomic(f) => &mut f.out,
            Sink::Direct { out, .. } => out,
        }
    }

    /// Completes the report after `written` (the result of writing it):
    /// flushes, and for a file makes it durable and renames it into place.
    /// On any error a temporary file is removed and the target left as it
    /// was; the message names the destination. A closed stdout pipe is not
    /// an error.
    pub fn finish(self, written: io::Result<()>) -> Result<(), String> {
        match self {
            Sink::Stdout(w) => finish_stream(w, written, Path::new("<stdout>")),
            Sink::Direct { path, out } => finish_stream(out, written, &path),
            Sink::Atomic(f) => f.commit(written),
        }
    }
}

/// Flushes a stream after `written`: a closed pipe (the reader quit, as
/// `| head` does) ends the report quietly; every other error is a message
/// naming `name`.
fn finish_stream<W: Write>(
    mut w: BufWriter<W>,
    written: io::Result<()>,
    name: &Path,
) -> Result<(), String> {
    let result = written.and_then(|()| w.flush());
    // Whatever is still buffered cannot be written: drop it without another
    // flush.
    let _ = w.into_parts();
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("{}: cannot write: {e}", name.display())),
    }
}

/// A regular file being replaced atomically: a new temporary file beside
/// the target, created exclusively (never an existing file or symlink),
/// flushed to disk, then renamed over the target and the directory synced,
/// so that a crash or a full disk leaves the old file or the new one,
/// never half of one. The temporary file is removed on error and on
/// SIGTERM, SIGINT or SIGHUP; one left by a killed process is removed by
/// the next run writing to the same directory.
pub struct AtomicFile {
    /// The file replaced (a symlink's target: the link stays a link).
    target: PathBuf,
    /// The temporary file.
    temp: PathBuf,
    /// Buffered writer on the temporary file.
    out: BufWriter<File>,
}

impl AtomicFile {
    /// Creates the temporary file for `path` (removing stale ones of dead
    /// processes in its directory first).
    fn create(path: &Path) -> io::Result<AtomicFile> {
        // Replace a symlink's target, not the link.
        let target = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
            _ => path.to_path_buf(),
        };
        let dir = parent_dir(&target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale_temps(dir);
        let (file, temp) = create_temp(dir, &name)?;
        Ok(AtomicFile {
            out: BufWriter::with_capacity(BUFFER, file),
            target,
            temp,
        })
    }

    /// Flushes, syncs and renames into place, or removes the temporary
    /// file if anything failed.
    fn commit(self, written: io::Result<()>) -> Result<(), String> {
        let AtomicFile { target, temp, out } = self;
        let result = written
            .and_then(|()| out.into_inner().map_err(io::IntoInnerError::into_error))
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&temp, &target));
        clear_cleanup();
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(format!("{}: cannot write: {e}", target.display()));
        }
        // Make the rename itself durable; not every system can sync a
        // directory.
        if let Ok(d) = File::open(parent_dir(&target)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Where the temporary files' names start and end: `.<name>` + `TEMP_MARK`
/// + `<pid>-<n>.tmp`.
const TEMP_MARK: &str = ".crosscheck-";

/// A new, empty temporary file `.<name>.crosscheck-<pid>-<n>.tmp` in `dir`,
/// created exclusively (an existing file or symlink there is never reused)
/// and registered for removal on a signal from before it exists, so that
/// no signal can come between its creation and its registration.
fn create_temp(dir: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}{TEMP_MARK}{}-{n}.tmp", std::process::id()));
        // Only a name with our own process id is ever registered, so a
        // signal before `create_new` fails can only remove a file that no
        // live process owns.
        set_cleanup(&tmp);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) => {
                clear_cleanup();
                if e.kind() != io::ErrorKind::AlreadyExists {
                    return Err(e);
                }
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

/// The process id in a temporary file's name, if `name` is one of ours.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(TEMP_MARK)?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u32>().ok()?;
    pid.parse().ok()
}

/// Whether no process has id `pid` (a process that exists but belongs to
/// someone else counts as alive).
fn process_is_gone(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == -1 && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

/// Removes the temporary files that killed runs (SIGKILL, power loss) left
/// in `dir`: regular files named like ours whose process is gone. Best
/// effort: a file that cannot be removed stays.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && process_is_gone(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The temporary file to remove if a signal ends the process: a C string
/// leaked on purpose (a handler may read it at any moment, so it is never
/// freed), or null.
static CLEANUP: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Registers `temp` for removal on SIGTERM, SIGINT and SIGHUP (installing
/// the handlers once). The handler unlinks the file and then ends the
/// process as the signal's default action would.
fn set_cleanup(temp: &Path) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            // SAFETY: the action only loads an atomic, calls unlink(2) and
            // re-raises the signal with its default action, all
            // async-signal-safe; it allocates nothing.
            let _ = unsafe {
                signal_hook::low_level::register(sig, move || {
                    let p = CLEANUP.swap(std::ptr::null_mut(), Ordering::SeqCst);
                    if !p.is_null() {
                        libc::unlink(p);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                })
            };
        }
    });
    if let Ok(c) = CString::new(temp.as_os_str().as_bytes()) {
        CLEANUP.store(c.into_raw(), Ordering::SeqCst);
    }
}

/// The temporary file is gone or renamed: a signal no longer removes it.
fn clear_cleanup() {
    // The string is leaked, not freed: a handler may be reading it.
    CLEANUP.store(std::ptr::null_mut(), Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that accepts `room` bytes and then fails with `kind`.
    struct Failing {
        room: usize,
        kind: io::ErrorKind,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(self.kind));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_write_error_but_a_closed_pipe_is_reported() {
        let report = vec![b'x'; 3 * BUFFER];
        for (kind, quiet) in [
            (io::ErrorKind::BrokenPipe, true),
            (io::ErrorKind::StorageFull, false),
            (io::ErrorKind::PermissionDenied, false),
            (io::ErrorKind::Other, false),
        ] {
            // Fails while writing (room for part of the report) and while
            // flushing the end of it (room for all but the buffered tail).
            for room in [1000, 3 * BUFFER - 10] {
                let mut w = BufWriter::with_capacity(BUFFER, Failing { room, kind });
                let written = w.write_all(&report);
                let result = finish_stream(w, written, Path::new("<stdout>"));
                if quiet {
                    assert_eq!(result, Ok(()), "{kind:?}");
                } else {
                    let message = result.expect_err("an error is reported");
                    assert!(message.starts_with("<stdout>: cannot write: "), "{message}");
                }
            }
        }
        let mut w = BufWriter::new(Failing {
            room: usize::MAX,
            kind: io::ErrorKind::Other,
        });
        let written = w.write_all(&report);
        assert_eq!(finish_stream(w, written, Path::new("x")), Ok(()));
    }

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(temp_pid(".r.json.crosscheck-1234-0.tmp"), Some(1234));
        assert_eq!(temp_pid(".a.crosscheck-b.crosscheck-77-12.tmp"), Some(77));
        assert_eq!(temp_pid("r.json.crosscheck-1234-0.tmp"), None);
        assert_eq!(temp_pid(".r.json.crosscheck-x-0.tmp"), None);
        assert_eq!(temp_pid(".r.json.crosscheck-12-0.tmp.bak"), None);
        assert_eq!(temp_pid(".r.json"), None);
    }

    #[test]
    fn our_own_process_is_alive() {
        assert!(!process_is_gone(std::process::id()));
        assert!(!process_is_gone(0));
    }
}
