//! The `crosscheck` binary: the terminal browser (`tui`) and the
//! non-interactive commands (`cli`).

// `cli` is being reworked for write errors (issue 10); it is to meet these
// two pedantic lints when that lands.
#[allow(clippy::single_match_else, clippy::ignored_unit_patterns)]
mod cli;
mod output;
mod tui;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = u8::from(e.use_stderr());
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match args.command {
        Some(Command::Export {
            paths,
            format,
            output,
        }) => cli::run_export(&paths, format, output.as_ref(), args.refresh),
        Some(Command::Articles { paths, output }) => {
            cli::run_articles(&paths, output.as_ref(), args.refresh)
        }
        Some(Command::Pairs) => cli::run_pairs(),
        None => tui::run(&args.paths, args.fresh, args.refresh),
    }
}
