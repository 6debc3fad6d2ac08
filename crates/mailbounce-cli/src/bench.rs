//! `--bench`: the throughput of analysis over the given inputs, read into memory first, so
//! anyone can compare mailbounce with other tools on their own mail.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use crate::inputs::{expand, read_messages};

/// Runs the analysis over every message repeatedly for at least `min_time` and prints
/// messages per second and megabytes per second, on one thread and on the pool's threads.
pub fn run(paths: &[PathBuf], parser: &mailbounce::Parser, pool: &rayon::ThreadPool) -> String {
    let mut messages: Vec<Vec<u8>> = Vec::new();
    for path in expand(paths).into_iter().flatten() {
        read_messages(&path, &mut |input| {
            if let Ok(bytes) = input.bytes {
                messages.push(bytes);
            }
        });
    }
    let bytes: usize = messages.iter().map(Vec::len).sum();
    let min_time = Duration::from_secs(2);
    let single = measure(min_time, || {
        messages.iter().filter(|m| parser.parse(m).is_ok()).count()
    });
    let parallel = measure(min_time, || {
        pool.install(|| {
            messages
                .par_iter()
                .filter(|m| parser.parse(m).is_ok())
                .count()
        })
    });
    let line = |label: &str, per_pass: Duration| {
        let seconds = per_pass.as_secs_f64().max(f64::EPSILON);
        format!(
            "{label}: {:.0} messages/s, {:.1} MB/s",
            messages.len() as f64 / seconds,
            bytes as f64 / 1e6 / seconds
        )
    };
    format!(
        "{} messages, {:.1} MB\n{}\n{}\nspeed-up: {:.2}x\n",
        messages.len(),
        bytes as f64 / 1e6,
        line("1 thread", single),
        line(&format!("{} threads", pool.current_num_threads()), parallel),
        single.as_secs_f64() / parallel.as_secs_f64().max(f64::EPSILON),
    )
}

/// The mean time of one pass of `pass`, repeated until `min_time` has elapsed (at least once).
fn measure(min_time: Duration, mut pass: impl FnMut() -> usize) -> Duration {
    let started = Instant::now();
    let mut passes = 0u32;
    let mut sink = 0usize;
    while passes == 0 || started.elapsed() < min_time {
        sink = sink.wrapping_add(pass());
        passes += 1;
    }
    std::hint::black_box(sink);
    started.elapsed() / passes
}
