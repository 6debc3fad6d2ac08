//! Classifies one bounce message given on the command line and prints what it says.
//!
//! ```sh
//! cargo run -p mailbounce-examples --example classify_file -- examples/bounces/postfix-user-unknown.eml
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: classify_file MESSAGE.eml");
        return ExitCode::from(2);
    };
    let raw = match std::fs::read(&path) {
        Ok(raw) => raw,
        Err(err) => {
            eprintln!("{}: {err}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let report = match mailbounce::parse(&raw) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("{}: {err}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    println!("notice: {}", report.notice);
    for bounce in &report.bounces {
        let recipient = bounce.recipient.as_deref().unwrap_or("(unknown recipient)");
        println!("{recipient}: {} ({})", bounce.kind, bounce.permanence);
        println!("  {}", bounce.kind.description());
        println!("  advice: {}", bounce.kind.advice());
    }
    ExitCode::SUCCESS
}
