//! The `mailbounce` command, run as a user would run it.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/bounces")
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailbounce"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn every_sample_gives_a_line() {
    let dir = samples();
    let output = run(&[dir.to_str().unwrap()], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = json_lines(&output);
    // Six messages, one record or one "no record" line each; the README is passed over.
    assert_eq!(lines.len(), 6, "{lines:#?}");
    for field in ["source", "notice", "reason"] {
        assert!(
            lines.iter().all(|l| l.get(field).is_some()),
            "{field} missing"
        );
    }
    let postfix = lines
        .iter()
        .find(|l| {
            l["source"]
                .as_str()
                .unwrap()
                .ends_with("postfix-user-unknown.eml")
        })
        .unwrap();
    assert_eq!(postfix["recipient"], "nobody@example.net");
    assert_eq!(postfix["reason"], "userunknown");
    assert_eq!(postfix["status"], "5.1.1");
    assert_eq!(postfix["reply_code"], "550");
    assert_eq!(postfix["hard_bounce"], true);
    assert_eq!(postfix["permanence"], "permanent");
    assert_eq!(postfix["command"], "RCPT");
    assert_eq!(postfix["original_message_id"], "campaign-0001@example.com");
    let ordinary = lines
        .iter()
        .find(|l| l["source"].as_str().unwrap().ends_with("not-a-bounce.eml"))
        .unwrap();
    assert_eq!(ordinary["notice"], "not_a_notice");
    assert_eq!(ordinary["reason"], Value::Null);
}

#[test]
fn failed_inputs_give_error_lines_and_exit_status_one() {
    let good = samples().join("postfix-user-unknown.eml");
    let output = run(&["/no/such/file.eml", good.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], "/no/such/file.eml");
    assert!(lines[0]["error"].as_str().is_some());
    assert_eq!(lines[1]["reason"], "userunknown");
}

#[test]
fn reads_stdin_and_reports_unparsable_input() {
    let raw = std::fs::read(samples().join("exchange-mailbox-full.eml")).unwrap();
    let output = run(&["-"], Some(&raw));
    assert!(output.status.success());
    let lines = json_lines(&output);
    assert_eq!(lines[0]["source"], "-");
    assert_eq!(lines[0]["reason"], "mailboxfull");

    let output = run(&[], Some(b""));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output)[0]["error"], "the input is empty");
}

#[test]
fn splits_mbox_files() {
    let one = std::fs::read(samples().join("postfix-user-unknown.eml")).unwrap();
    let two = std::fs::read(samples().join("delay-warning.eml")).unwrap();
    let mut mbox = b"From MAILER-DAEMON Mon Jun 10 18:40:02 2024\n".to_vec();
    mbox.extend_from_slice(&one);
    mbox.extend_from_slice(b"\nFrom MAILER-DAEMON Mon Jun 10 18:40:03 2024\n");
    mbox.extend_from_slice(&two);
    let output = run(&["-"], Some(&mbox));
    assert!(output.status.success());
    let lines = json_lines(&output);
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["-#1", "-#2"]);
    assert_eq!(lines[1]["notice"], "delay");
}

#[test]
fn table_and_summary_for_people() {
    let dir = samples();
    let output = run(&["--format", "table", dir.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("SOURCE"), "{text}");
    assert!(text.contains("nobody@example.net") && text.contains("userunknown"));
    assert_eq!(text.lines().count(), 7);

    let output = run(&["--summary", dir.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("6 messages, 5 records, 0 errors"),
        "{text}"
    );
    assert!(text.contains("by reason:") && text.contains("mailboxfull"));
    assert!(text.contains("by recipient domain:") && text.contains("example.net"));
    assert!(text.contains("by notice:") && text.contains("not_a_notice"));
}

#[test]
fn sisimai_format_uses_sisimai_names() {
    let dir = samples();
    let output = run(&["--format", "sisimai", dir.to_str().unwrap()], None);
    assert!(output.status.success());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 5, "one object per record: {lines:#?}");
    let postfix = lines
        .iter()
        .find(|l| l["recipient"] == "nobody@example.net")
        .unwrap();
    assert_eq!(postfix["deliverystatus"], "5.1.1");
    assert_eq!(postfix["replycode"], "550");
    assert_eq!(postfix["reason"], "userunknown");
    assert_eq!(postfix["hardbounce"], 1);
    assert_eq!(postfix["diagnostictype"], "SMTP");
    assert_eq!(postfix["command"], "RCPT");
    assert_eq!(postfix["destination"], "example.net");
    assert_eq!(postfix["messageid"], "campaign-0001@example.com");
    assert_eq!(postfix["lhost"], "mx1.example.org");
    // Messages without a record are named on stderr, not dropped silently.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not-a-bounce.eml: no record (not_a_notice)"),
        "{stderr}"
    );
}

#[test]
fn parallel_runs_keep_input_order() {
    let dir = samples();
    let dir = dir.to_str().unwrap();
    let sources = |jobs: &str| -> Vec<String> {
        let output = run(&["--jobs", jobs, dir, dir, dir], None);
        assert!(output.status.success());
        json_lines(&output)
            .iter()
            .map(|l| l["source"].as_str().unwrap().to_string())
            .collect()
    };
    let serial = sources("1");
    assert_eq!(serial.len(), 18);
    assert_eq!(sources("2"), serial);
    assert_eq!(sources("4"), serial);
}

#[test]
fn bench_mode_reports_throughput() {
    let dir = samples();
    let output = run(&["--bench", "--jobs", "2", dir.to_str().unwrap()], None);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("6 messages"), "{text}");
    assert!(
        text.contains("1 thread: ") && text.contains("2 threads: ") && text.contains("messages/s")
    );
    assert!(text.contains("speed-up: "));
}
