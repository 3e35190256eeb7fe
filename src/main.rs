//! The `crosscheck` binary: the terminal browser and the CLI commands.

mod app;
mod cli;
mod config;
mod keymap;
mod terminal;
mod ui;

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
        }) => cli::run_export(&paths, format, output.as_ref(), args.no_cache),
        Some(Command::Pairs) => cli::run_pairs(),
        Some(Command::Search { query, paths }) => cli::run_search(&query, &paths, args.no_cache),
        None => {
            // A bad config file stops here, before the terminal is touched.
            let config = match config::load() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("crosscheck: {e}");
                    return ExitCode::from(1);
                }
            };
            let Some(analysis) = cli::analyse(&args.paths, args.no_cache, false) else {
                return ExitCode::from(2);
            };
            app::run(analysis, config)
        }
    }
}
