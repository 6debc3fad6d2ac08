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
    // The source stays the path (as the evaluation tools match it); `index` tells the
    // messages of one input apart.
    let sources: Vec<(&str, u64)> = lines
        .iter()
        .map(|l| (l["source"].as_str().unwrap(), l["index"].as_u64().unwrap()))
        .collect();
    assert_eq!(sources, [("-", 1), ("-", 2)]);
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

/// A fake "messages held" notice and a real bounce of mail another sender forged us on.
const PHISH: &[u8] = b"From: \"Mail Delivery Subsystem\" <support@relay.example.top>\n\
Subject: 6 messages held for you\n\
Content-Type: text/html\n\n\
<p>You have 6 pending messages. Messages will be deleted within 24 hours.</p>\n\
<a href=\"https://release.example.top/x\">Release messages</a>\n";

const BACKSCATTER: &[u8] = b"Return-Path: <>\n\
From: MAILER-DAEMON@mx.example.net\n\
Subject: Undelivered Mail Returned to Sender\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
--b\nContent-Type: message/delivery-status\n\n\
Reporting-MTA: dns; mx.example.net\n\n\
Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\n\
--b\nContent-Type: text/rfc822-headers\n\n\
Received: from bot.example.info by mx.example.net\n\
Message-ID: <x7@bot.example.info>\nFrom: someone@example.org\n--b--\n";

#[test]
fn authenticity_adds_a_verdict_and_its_signals() {
    let output = run(&["--authenticity", "-"], Some(PHISH));
    let lines = json_lines(&output);
    assert_eq!(lines[0]["authenticity"], "forged", "{lines:#?}");
    let signals = lines[0]["authenticity_signals"].as_array().unwrap();
    assert!(signals.iter().any(|s| s["name"] == "held_messages"));
    // Without the option the fields are absent.
    let plain = json_lines(&run(&["-"], Some(PHISH)));
    assert!(plain[0].get("authenticity").is_none());
}

#[test]
fn our_domain_and_relay_give_context() {
    let lines = json_lines(&run(&["-"], Some(BACKSCATTER)));
    assert!(lines[0].get("authenticity").is_none());
    let lines = json_lines(&run(
        &[
            "--our-domain",
            "example.org",
            "--our-relay",
            "smtp.example.org",
            "--our-relay",
            "smtp2.example.org",
            "-",
        ],
        Some(BACKSCATTER),
    ));
    assert_eq!(lines[0]["authenticity"], "backscatter", "{lines:#?}");
    let with_our_relay =
        String::from_utf8_lossy(BACKSCATTER).replace("bot.example.info by", "smtp2.example.org by");
    let lines = json_lines(&run(
        &[
            "--our-domain",
            "example.org",
            "--our-relay",
            "smtp2.example.org",
            "-",
        ],
        Some(with_our_relay.as_bytes()),
    ));
    assert_eq!(lines[0]["authenticity"], "genuine", "{lines:#?}");
}

#[test]
fn the_table_gets_an_authenticity_column() {
    let output = run(&["--authenticity", "--format", "table", "-"], Some(PHISH));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().next().unwrap().contains("AUTHENTICITY"),
        "{text}"
    );
    assert!(text.contains("forged"), "{text}");
    let output = run(&["--format", "table", "-"], Some(PHISH));
    assert!(!String::from_utf8_lossy(&output.stdout).contains("AUTHENTICITY"));
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

#[test]
fn esp_payloads_are_read_by_shape_or_on_request() {
    let esp = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/esp");
    let batch = esp.join("sendgrid-batch.json");
    let output = run(&[batch.to_str().unwrap()], None);
    assert!(output.status.success());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 6);
    assert!(
        lines[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("sendgrid-batch.json")
    );
    assert_eq!(lines[0]["index"], 1);
    assert_eq!(lines[0]["reason"], "userunknown");
    assert_eq!(lines[0]["hard_bounce"], true);
    assert_eq!(lines[0]["provider_label"], "bounce/Invalid Address");
    assert_eq!(lines[0]["esp_provider"], "sendgrid");
    assert_eq!(lines[0]["responsibility"], "recipient");
    assert_eq!(lines[1]["responsibility"], "sender");

    let raw = std::fs::read(esp.join("ses-hard.json")).unwrap();
    let output = run(&["--input", "esp-json", "-"], Some(&raw));
    let lines = json_lines(&output);
    assert_eq!(lines[0]["source"], "-");
    assert_eq!(lines[0]["reason"], "hostunknown");
    assert_eq!(lines[0]["provider_label"], "Transient/General");

    let output = run(&["--input", "esp-json", "-"], Some(b"Subject: x\n\nbody\n"));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        json_lines(&output)[0]["error"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
}
