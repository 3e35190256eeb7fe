//! The `crosscheck` binary: the terminal browser (`tui`) and the
//! non-interactive commands (`cli`).

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
    let load = cli::LoadOptions {
        refresh: args.refresh,
        no_cache: args.no_cache,
    };
    match args.command {
        Some(Command::Export {
            paths,
            format,
            output,
        }) => cli::run_export(&paths, format, output.as_ref(), load),
        Some(Command::Articles { paths, output }) => {
            cli::run_articles(&paths, output.as_ref(), args.refresh)
        }
        Some(Command::Pairs) => cli::run_pairs(),
        Some(Command::Search { query, paths }) => cli::run_search(&query, &paths, load),
        None => tui::run(&args.paths, args.fresh, load),
    }
}
