//! `mailbounce`: classify bounce messages from files, directories, Maildirs, mbox files and
//! standard input, printing one record per affected recipient.

mod inputs;
mod output;
mod progress;
mod sisimai;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use inputs::{Input, expand, read_messages};
use output::{Outcome, Summary, json_lines, table};
use progress::Progress;

/// Reads bounce messages and says which recipient failed, why, and what to do next.
///
/// Directories are read recursively (Maildir `cur/` and `new/` included), skipping hidden
/// files and documentation or data files (README, LICENSE, *.md, *.json, *.jsonl, …). A file
/// that starts with a `From ` line is read as an mbox. `-`, or no path at all, reads stdin.
///
/// Every input message gives at least one output line: one per affected recipient, one with
/// `"reason": null` when the message holds no record, or one with an `"error"` field when it
/// could not be read. The exit status is 1 when any input failed, 0 otherwise.
#[derive(Parser, Debug)]
#[command(name = "mailbounce", version, about)]
struct Args {
    /// Files, directories or mbox files to read; `-` for standard input.
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// Print counts by notice kind, reason and recipient domain instead of records.
    #[arg(long)]
    summary: bool,

    /// Never draw the progress bar.
    #[arg(long, short)]
    quiet: bool,

    /// Largest message accepted, in bytes; larger ones give an error line.
    #[arg(long, default_value_t = mailbounce::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: usize,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON object per record, one per line.
    Jsonl,
    /// An aligned table for people.
    Table,
    /// Sisimai's JSON field names and values, one object per line; messages without a record
    /// are named on stderr.
    Sisimai,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mailbounce: {err}");
            ExitCode::from(2)
        }
    }
}

/// Runs over every input; `Ok(false)` when some input failed.
fn run(args: &Args) -> io::Result<bool> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let parser = mailbounce::Parser::new().max_input_bytes(args.max_input_bytes);
    let files = expand(&paths);
    let mut progress = Progress::new(files.len(), args.quiet);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut table_rows: Vec<(String, Outcome)> = Vec::new();
    let mut all_ok = true;
    let mut write_error: Option<io::Error> = None;

    for file in files {
        let path = match file {
            Ok(path) => path,
            Err((path, error)) => {
                let input = Input {
                    source: path.to_string_lossy().into_owned(),
                    bytes: Err(error),
                };
                handle(
                    input,
                    &parser,
                    args,
                    &mut out,
                    &mut summary,
                    &mut table_rows,
                    &mut all_ok,
                    &mut write_error,
                );
                continue;
            }
        };
        read_messages(&path, &mut |input| {
            handle(
                input,
                &parser,
                args,
                &mut out,
                &mut summary,
                &mut table_rows,
                &mut all_ok,
                &mut write_error,
            );
        });
        progress.tick();
        if let Some(err) = write_error.take() {
            return Err(err);
        }
    }
    progress.finish();
    if args.summary {
        summary.write(&mut out)?;
    } else if args.format == Format::Table {
        table(&table_rows, &mut out)?;
    }
    out.flush()?;
    Ok(all_ok)
}

/// Analyses one input and writes (or keeps) its output.
#[allow(clippy::too_many_arguments)]
fn handle(
    input: Input,
    parser: &mailbounce::Parser,
    args: &Args,
    out: &mut dyn Write,
    summary: &mut Summary,
    table_rows: &mut Vec<(String, Outcome)>,
    all_ok: &mut bool,
    write_error: &mut Option<io::Error>,
) {
    let outcome = match input.bytes {
        Ok(bytes) => match parser.parse(&bytes) {
            Ok(report) => Ok(report),
            Err(err) => Err(err.to_string()),
        },
        Err(err) => Err(err),
    };
    if outcome.is_err() {
        *all_ok = false;
    }
    if args.summary {
        summary.add(&outcome);
        return;
    }
    match args.format {
        Format::Table => table_rows.push((input.source, outcome)),
        Format::Sisimai => {
            let lines = match &outcome {
                Ok(report) => sisimai::records(&input.source, report),
                Err(_) => Vec::new(),
            };
            if lines.is_empty() {
                match &outcome {
                    Ok(report) => eprintln!(
                        "mailbounce: {}: no record ({})",
                        input.source, report.notice
                    ),
                    Err(err) => eprintln!("mailbounce: {}: {err}", input.source),
                }
            }
            for line in lines {
                if let Err(err) = writeln!(out, "{line}") {
                    write_error.get_or_insert(err);
                    return;
                }
            }
        }
        Format::Jsonl => {
            for line in json_lines(&input.source, &outcome) {
                if let Err(err) = writeln!(out, "{line}") {
                    write_error.get_or_insert(err);
                    return;
                }
            }
        }
    }
}
