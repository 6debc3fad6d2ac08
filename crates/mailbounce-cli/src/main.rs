//! `mailbounce`: classify bounce messages from files, directories, Maildirs, mbox files and
//! standard input, printing one record per affected recipient.

mod bench;
mod inputs;
mod output;
mod progress;
mod sisimai;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use rayon::iter::{IntoParallelIterator, ParallelIterator};

use inputs::{Input, Source, expand, read_messages};
use output::{Outcome, Summary, table, write_json_lines};
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

    /// Judge whether each notice is real: adds `authenticity` (genuine, backscatter,
    /// suspicious, forged, unknown) and `authenticity_signals` to JSON lines and a column to
    /// the table.
    #[arg(long)]
    authenticity: bool,

    /// A domain we send from, for the authenticity check (implies --authenticity; repeatable).
    #[arg(long = "our-domain", value_name = "DOMAIN")]
    our_domains: Vec<String>,

    /// A relay host our mail leaves through, for the authenticity check (implies
    /// --authenticity; repeatable).
    #[arg(long = "our-relay", value_name = "HOST")]
    our_relays: Vec<String>,

    /// Threads that analyse messages (default: one per core). Output keeps input order.
    #[arg(long, short)]
    jobs: Option<usize>,

    /// What the inputs are: mail messages, ESP event payloads (JSON webhooks of Amazon SES,
    /// SendGrid, Mailgun, Postmark, SparkPost), or `auto`: JSON when a file starts with `{` or
    /// `[`, mail otherwise. A payload of several events gives `path#N` sources.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input: InputKind,

    /// Measure throughput instead of printing records: reads the inputs into memory, analyses
    /// them repeatedly on one thread and on all, and prints messages/s and MB/s.
    #[arg(long)]
    bench: bool,
}

impl Args {
    /// True when the authenticity verdict was asked for, directly or by giving context.
    fn wants_authenticity(&self) -> bool {
        self.authenticity || !self.our_domains.is_empty() || !self.our_relays.is_empty()
    }
}

/// What the inputs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputKind {
    /// JSON when the input starts with `{` or `[`, a mail message otherwise.
    Auto,
    /// Mail messages.
    Mail,
    /// ESP event payloads (JSON).
    EspJson,
}

/// Analyses one input: one outcome for a mail message, one per event for an ESP payload.
fn analyse_one(
    parser: &mailbounce::Parser,
    kind: InputKind,
    source: Source,
    bytes: Result<Vec<u8>, String>,
) -> Vec<(Source, Outcome)> {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return vec![(source, Err(error))],
    };
    let json = match kind {
        InputKind::Auto => mailbounce::esp::looks_like_json(&bytes),
        InputKind::Mail => false,
        InputKind::EspJson => true,
    };
    if !json {
        return vec![(source, parser.parse(&bytes).map_err(|e| e.to_string()))];
    }
    match mailbounce::esp::parse_event(&bytes) {
        Ok(reports) if reports.len() == 1 => reports
            .into_iter()
            .map(|report| (source.clone(), Ok(report)))
            .collect(),
        Ok(reports) => reports
            .into_iter()
            .enumerate()
            .map(|(i, report)| {
                // An mbox message holding a batch keeps its own position.
                let index = source.index.unwrap_or(i + 1);
                (Source::nth(source.path.clone(), index), Ok(report))
            })
            .collect(),
        Err(error) => vec![(source, Err(error.to_string()))],
    }
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

/// How many messages are read before a batch is analysed in parallel.
const BATCH_MESSAGES: usize = 256;
/// How many bytes of messages are read before a batch is analysed, bounding memory.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Runs over every input; `Ok(false)` when some input failed.
///
/// Messages are read in order into batches (bounded in count and bytes), each batch is
/// analysed in parallel, and its results are written in input order.
fn run(args: &Args) -> io::Result<bool> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let mut parser = mailbounce::Parser::new().max_input_bytes(args.max_input_bytes);
    if args.wants_authenticity() {
        let context = args.our_domains.iter().fold(
            mailbounce::authenticity::Context::new(),
            |context, domain| context.our_domain(domain.as_str()),
        );
        let context = args
            .our_relays
            .iter()
            .fold(context, |context, relay| context.our_relay(relay.as_str()));
        parser = parser.authenticity(context);
    }
    if args.bench {
        print!("{}", bench::run(&paths, &parser, &pool));
        return Ok(true);
    }
    let files = expand(&paths);
    let mut progress = Progress::new(files.len(), args.quiet);
    let stdout = io::stdout();
    let mut sink = Sink {
        args,
        out: BufWriter::new(stdout.lock()),
        summary: Summary::default(),
        table_rows: Vec::new(),
        all_ok: true,
        write_error: None,
    };
    let mut batch = Batch::default();
    let analyse = |batch: &mut Batch, sink: &mut Sink<'_>| {
        let inputs = std::mem::take(&mut batch.inputs);
        batch.bytes = 0;
        let outcomes: Vec<(Source, Outcome)> = pool.install(|| {
            inputs
                .into_par_iter()
                .flat_map_iter(|input| analyse_one(&parser, args.input, input.source, input.bytes))
                .collect()
        });
        for (source, outcome) in outcomes {
            sink.emit(source, outcome);
        }
    };

    for file in files {
        match file {
            Ok(path) => read_messages(&path, &mut |input| {
                if batch.push(input) {
                    analyse(&mut batch, &mut sink);
                }
            }),
            Err((path, error)) => {
                let input = Input {
                    source: Source::whole(path.to_string_lossy()),
                    bytes: Err(error),
                };
                if batch.push(input) {
                    analyse(&mut batch, &mut sink);
                }
            }
        }
        progress.tick();
        if let Some(err) = sink.write_error.take() {
            return Err(err);
        }
    }
    analyse(&mut batch, &mut sink);
    progress.finish();
    sink.finish()
}

/// Messages read but not yet analysed.
#[derive(Default)]
struct Batch {
    inputs: Vec<Input>,
    bytes: usize,
}

impl Batch {
    /// Adds a message; true when the batch is full and should be analysed now.
    fn push(&mut self, input: Input) -> bool {
        self.bytes += input.bytes.as_ref().map_or(0, Vec::len);
        self.inputs.push(input);
        self.inputs.len() >= BATCH_MESSAGES || self.bytes >= BATCH_BYTES
    }
}

/// Where results go, in input order.
struct Sink<'a> {
    args: &'a Args,
    out: BufWriter<io::StdoutLock<'static>>,
    summary: Summary,
    table_rows: Vec<(String, Outcome)>,
    all_ok: bool,
    write_error: Option<io::Error>,
}

impl Sink<'_> {
    /// Writes (or keeps, for the table and summary) one message's outcome.
    fn emit(&mut self, source: Source, outcome: Outcome) {
        if outcome.is_err() {
            self.all_ok = false;
        }
        if self.args.summary {
            self.summary.add(&outcome);
            return;
        }
        let lines = match self.args.format {
            Format::Table => {
                self.table_rows.push((source.to_string(), outcome));
                return;
            }
            Format::Sisimai => {
                let lines = outcome
                    .as_ref()
                    .map(|report| sisimai::records(&source.path, report))
                    .unwrap_or_default();
                if lines.is_empty() {
                    match &outcome {
                        Ok(report) => {
                            eprintln!("mailbounce: {source}: no record ({})", report.notice)
                        }
                        Err(err) => eprintln!("mailbounce: {source}: {err}"),
                    }
                }
                lines
            }
            Format::Jsonl => {
                if let Err(err) = write_json_lines(&source, &outcome, &mut self.out) {
                    self.write_error.get_or_insert(err);
                }
                return;
            }
        };
        for line in lines {
            if let Err(err) = writeln!(self.out, "{line}") {
                self.write_error.get_or_insert(err);
                return;
            }
        }
    }

    /// Writes what was kept for the end; `Ok(false)` when some input failed.
    fn finish(mut self) -> io::Result<bool> {
        if let Some(err) = self.write_error.take() {
            return Err(err);
        }
        if self.args.summary {
            self.summary.write(&mut self.out)?;
        } else if self.args.format == Format::Table {
            table(
                &self.table_rows,
                self.args.wants_authenticity(),
                &mut self.out,
            )?;
        }
        self.out.flush()?;
        Ok(self.all_ok)
    }
}
