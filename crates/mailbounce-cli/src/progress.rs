//! A progress bar on standard error, shown only when it is a terminal and the run is long.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Draws `done/total` at most a few times a second, after the first second of a run.
pub struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    last_drawn: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` files; silent when stderr is not a terminal or `quiet` is set.
    pub fn new(total: usize, quiet: bool) -> Self {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            last_drawn: None,
            enabled: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Counts one finished file and redraws when due.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let due = self
            .last_drawn
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(200));
        if due {
            self.last_drawn = Some(Instant::now());
            let width = 30;
            let filled = (self.done * width)
                .checked_div(self.total)
                .unwrap_or(width)
                .min(width);
            let bar = format!("{}{}", "#".repeat(filled), " ".repeat(width - filled));
            eprint!("\r[{bar}] {}/{} files", self.done, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    /// Clears the bar once the run is over.
    pub fn finish(&self) {
        if self.enabled && self.last_drawn.is_some() {
            eprint!("\r{}\r", " ".repeat(60));
        }
    }
}
