//! The output formats: JSON Lines for programs, an aligned table for people, and a summary.

use std::collections::BTreeMap;
use std::io::{self, Write};

use mailbounce::{Bounce, Report};

use crate::inputs::Source;
use serde::Serialize;

/// The outcome for one input message: its report, or why it could not be read or analysed.
pub type Outcome = Result<Report, String>;

/// Writes one JSON object per record, each on its own line; a message with no record, or an
/// error, still gives one line. Records are serialised straight to `out`, one at a time, so a
/// notice with 100,000 recipients never holds 100,000 JSON trees.
pub fn write_json_lines(source: &Source, outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let (index, source) = (source.index, source.path.as_str());
    let report = match outcome {
        Err(error) => {
            let line = ErrorLine {
                source,
                index,
                error,
                reason: None,
            };
            return write_line(&line, out);
        }
        Ok(report) => report,
    };
    let authenticity = report.authenticity.as_ref();
    let verdict = authenticity.map(|a| a.verdict.as_str());
    let signals: Option<Vec<SignalLine<'_>>> = authenticity.map(|a| {
        a.signals
            .iter()
            .map(|s| SignalLine {
                name: &s.name,
                outcome: s.outcome.as_str(),
                weight: s.weight,
                evidence: &s.evidence,
            })
            .collect()
    });
    if report.bounces.is_empty() {
        let disposition = report.disposition.as_ref();
        let line = NoRecordLine {
            source,
            index,
            notice: report.notice.as_str(),
            reason: None,
            reporting_mta: report.reporting_mta.as_deref(),
            subject: report.subject.as_deref(),
            from: report.from.as_deref(),
            disposition: disposition.map(|d| d.disposition_type.as_str()),
            disposition_recipient: disposition.and_then(|d| d.final_recipient.as_deref()),
            original_message_id: original_message_id(report)
                .or_else(|| disposition.and_then(|d| d.original_message_id.as_deref())),
            authenticity: verdict,
            authenticity_signals: signals.as_deref(),
        };
        return write_line(&line, out);
    }
    for bounce in &report.bounces {
        let line = bounce_line((source, index), report, bounce, verdict, signals.as_deref());
        write_line(&line, out)?;
    }
    Ok(())
}

fn write_line(line: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The line of an input that could not be read or analysed.
#[derive(Serialize)]
struct ErrorLine<'a> {
    source: &'a str,
    /// The message's position in an input holding several (an mbox, an ESP batch).
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    error: &'a str,
    reason: Option<&'a str>,
}

/// The line of a message that holds no record.
#[derive(Serialize)]
struct NoRecordLine<'a> {
    source: &'a str,
    /// The message's position in an input holding several (an mbox, an ESP batch).
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    notice: &'static str,
    reason: Option<&'a str>,
    reporting_mta: Option<&'a str>,
    subject: Option<&'a str>,
    from: Option<&'a str>,
    disposition: Option<&'a str>,
    disposition_recipient: Option<&'a str>,
    original_message_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticity_signals: Option<&'a [SignalLine<'a>]>,
}

/// One authenticity signal, as the JSON output spells it.
#[derive(Serialize)]
struct SignalLine<'a> {
    name: &'a str,
    outcome: &'static str,
    weight: u8,
    evidence: &'a str,
}

/// The line of one record.
#[derive(Serialize)]
struct BounceLine<'a> {
    source: &'a str,
    /// The message's position in an input holding several (an mbox, an ESP batch).
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    notice: &'static str,
    recipient: Option<&'a str>,
    original_recipient: Option<&'a str>,
    status: Option<String>,
    reply_code: Option<String>,
    reason: &'static str,
    hard_bounce: bool,
    permanence: &'static str,
    recommended_action: &'static str,
    action: Option<&'static str>,
    diagnostic: Option<&'a str>,
    diagnostic_type: Option<&'a str>,
    remote_mta: Option<&'a str>,
    reporting_mta: Option<&'a str>,
    command: Option<&'static str>,
    last_attempt: Option<&'a str>,
    will_retry_until: Option<&'a str>,
    feedback_type: Option<&'a str>,
    feedback_source_ip: Option<&'a str>,
    feedback_mail_from: Option<&'a str>,
    feedback_user_agent: Option<&'a str>,
    reported_domains: Option<&'a [String]>,
    original_message_id: Option<&'a str>,
    envelope_id: Option<&'a str>,
    matched_rule: &'a str,
    decoded_by: &'a str,
    suggested_recipient: Option<&'a str>,
    responsibility: &'static str,
    provider_label: Option<&'a str>,
    esp_provider: Option<&'a str>,
    esp_event: Option<&'a str>,
    advice: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticity_signals: Option<&'a [SignalLine<'a>]>,
}

fn original_message_id(report: &Report) -> Option<&str> {
    report
        .original
        .as_ref()
        .and_then(|o| o.message_id.as_deref())
}

fn bounce_line<'a>(
    (source, index): (&'a str, Option<usize>),
    report: &'a Report,
    bounce: &'a Bounce,
    authenticity: Option<&'static str>,
    authenticity_signals: Option<&'a [SignalLine<'a>]>,
) -> BounceLine<'a> {
    let feedback = report.feedback.as_ref();
    BounceLine {
        source,
        index,
        notice: report.notice.as_str(),
        recipient: bounce.recipient.as_deref(),
        original_recipient: bounce.original_recipient.as_deref(),
        status: bounce.status.map(|s| s.to_string()),
        reply_code: bounce.reply_code.map(|c| c.to_string()),
        reason: bounce.kind.reason(),
        hard_bounce: bounce.hard_bounce,
        permanence: bounce.permanence.as_str(),
        recommended_action: bounce.recommended_action().as_str(),
        action: bounce.action.map(|a| a.as_str()),
        diagnostic: bounce.diagnostic.as_deref(),
        diagnostic_type: bounce.diagnostic_type.as_deref(),
        remote_mta: bounce.remote_mta.as_deref(),
        reporting_mta: report.reporting_mta.as_deref(),
        command: bounce.command.map(|c| c.as_str()),
        last_attempt: bounce.last_attempt.as_ref().map(|d| d.text.as_str()),
        will_retry_until: bounce.will_retry_until.as_ref().map(|d| d.text.as_str()),
        feedback_type: bounce.feedback_type.as_deref(),
        feedback_source_ip: feedback.and_then(|f| f.source_ip.as_deref()),
        feedback_mail_from: feedback.and_then(|f| f.original_mail_from.as_deref()),
        feedback_user_agent: feedback.and_then(|f| f.user_agent.as_deref()),
        reported_domains: feedback.map(|f| f.reported_domains.as_slice()),
        original_message_id: original_message_id(report),
        envelope_id: report
            .original
            .as_ref()
            .and_then(|o| o.envelope_id.as_deref()),
        matched_rule: &bounce.matched_rule,
        decoded_by: &bounce.decoded_by,
        suggested_recipient: bounce.suggested_recipient.as_deref(),
        responsibility: bounce.responsibility().as_str(),
        provider_label: bounce.provider_label.as_deref(),
        esp_provider: report.esp.as_ref().map(|e| e.provider.as_str()),
        esp_event: report.esp.as_ref().map(|e| e.event.as_str()),
        advice: bounce.advice(),
        authenticity,
        authenticity_signals,
    }
}

/// Writes rows for people: one per record, columns aligned over the whole run; with
/// `authenticity`, an `AUTHENTICITY` column before the diagnostic.
pub fn table(
    rows: &[(String, Outcome)],
    authenticity: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut header: Vec<String> = [
        "SOURCE",
        "NOTICE",
        "RECIPIENT",
        "STATUS",
        "REPLY",
        "REASON",
        "HARD",
    ]
    .map(str::to_string)
    .to_vec();
    if authenticity {
        header.push("AUTHENTICITY".into());
    }
    header.push("DIAGNOSTIC".into());
    let mut cells: Vec<Vec<String>> = vec![header];
    let dash = || "-".to_string();
    for (source, outcome) in rows {
        let verdict = match outcome {
            Ok(report) => report
                .authenticity
                .as_ref()
                .map_or_else(dash, |a| a.verdict.to_string()),
            Err(_) => dash(),
        };
        let mut push = |mut row: Vec<String>, diagnostic: String| {
            if authenticity {
                row.push(verdict.clone());
            }
            row.push(diagnostic);
            cells.push(row);
        };
        match outcome {
            Err(error) => push(
                vec![
                    source.clone(),
                    "error".into(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                ],
                error.clone(),
            ),
            Ok(report) if report.bounces.is_empty() => push(
                vec![
                    source.clone(),
                    report.notice.to_string(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                ],
                dash(),
            ),
            Ok(report) => {
                for b in &report.bounces {
                    push(
                        vec![
                            source.clone(),
                            report.notice.to_string(),
                            b.recipient.clone().unwrap_or_else(dash),
                            b.status.map_or_else(dash, |s| s.to_string()),
                            b.reply_code.map_or_else(dash, |c| c.to_string()),
                            b.kind.to_string(),
                            if b.hard_bounce { "yes" } else { "no" }.into(),
                        ],
                        shorten(b.diagnostic.as_deref().unwrap_or("-"), 60),
                    );
                }
            }
        }
    }
    let columns = cells.first().map_or(0, Vec::len);
    let mut widths = vec![0usize; columns];
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &cells {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

/// Counts by notice kind, by reason and by recipient domain, kept as the run goes.
#[derive(Default)]
pub struct Summary {
    messages: usize,
    errors: usize,
    records: usize,
    by_notice: BTreeMap<String, usize>,
    by_reason: BTreeMap<String, usize>,
    by_domain: BTreeMap<String, usize>,
}

impl Summary {
    /// Counts one message's outcome.
    pub fn add(&mut self, outcome: &Outcome) {
        self.messages += 1;
        let report = match outcome {
            Err(_) => {
                self.errors += 1;
                return;
            }
            Ok(report) => report,
        };
        *self.by_notice.entry(report.notice.to_string()).or_default() += 1;
        for bounce in &report.bounces {
            self.records += 1;
            *self.by_reason.entry(bounce.kind.to_string()).or_default() += 1;
            let domain = bounce
                .recipient
                .as_deref()
                .and_then(|r| r.rsplit_once('@'))
                .map_or_else(|| "(unknown)".to_string(), |(_, d)| d.to_ascii_lowercase());
            *self.by_domain.entry(domain).or_default() += 1;
        }
    }

    /// Writes the counts, largest first within each section.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{} messages, {} records, {} errors",
            self.messages, self.records, self.errors
        )?;
        for (title, counts) in [
            ("by notice", &self.by_notice),
            ("by reason", &self.by_reason),
            ("by recipient domain", &self.by_domain),
        ] {
            writeln!(out, "\n{title}:")?;
            let mut sorted: Vec<_> = counts.iter().collect();
            sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (name, count) in sorted {
                writeln!(out, "  {count:>7}  {name}")?;
            }
        }
        Ok(())
    }
}
