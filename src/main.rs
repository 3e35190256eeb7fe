//! The `crosscheck` binary: the terminal browser and the CLI commands.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match args.command {
        Some(Command::Export {
            paths,
            format,
            output,
        }) => cli::run_export(&paths, format, output.as_ref()),
        Some(Command::Pairs) => cli::run_pairs(),
        None => {
            let Some(_corpus) = cli::load(&args.paths) else {
                return ExitCode::from(2);
            };
            eprintln!("crosscheck: the terminal browser is not built yet; use `crosscheck export` for a report");
            ExitCode::from(1)
        }
    }
}
