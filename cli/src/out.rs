//! Standard output and error for a command-line tool: when the reader goes away (`| head`,
//! a pager that quits), writing stops quietly instead of panicking, and the command ends
//! with what it was doing (an import still finishes; an export stops).

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether standard output was closed by its reader.
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

fn note(result: io::Result<()>) -> io::Result<()> {
    if let Err(e) = &result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }
    result
}

/// Writes a line to standard output; nothing once its reader has gone.
pub fn say_line(args: fmt::Arguments<'_>) {
    if !closed() {
        let _ = note(writeln!(io::stdout().lock(), "{args}"));
    }
}

/// Writes a line to standard error; a closed standard error is ignored.
pub fn tell_line(args: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{args}");
}

/// Standard output as a writer for exports: a closed pipe is an error that ends the
/// export, and is remembered so that the command ends quietly.
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut n = 0;
        note(io::stdout().lock().write(buf).map(|w| n = w))?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        note(io::stdout().lock().flush())
    }
}

macro_rules! say {
    ($($arg:tt)*) => { $crate::out::say_line(format_args!($($arg)*)) };
}

macro_rules! tell {
    ($($arg:tt)*) => { $crate::out::tell_line(format_args!($($arg)*)) };
}

pub(crate) use {say, tell};
