//! Helpers shared by the integration tests that drive the real binary.
// Each test crate uses a subset of these helpers.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The analysis cache of the tests' runs: under the target directory,
/// never the user's.
pub const CACHE_HOME: &str = env!("CARGO_TARGET_TMPDIR");

/// Runs the `crosscheck` binary with `args` and no standard input.
pub fn crosscheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("XDG_CACHE_HOME", CACHE_HOME)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run crosscheck")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write test file");
    p
}

/// Runs the `crosscheck` binary with `args`, feeding `input` on standard
/// input.
pub fn crosscheck_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("XDG_CACHE_HOME", CACHE_HOME)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crosscheck");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for crosscheck")
}
