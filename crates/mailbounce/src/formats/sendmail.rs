//! Sendmail, version 8 and its version 5 ancestor: a "Transcript of session follows"
//! section replaying the SMTP dialogue (`... while talking to HOST:`, `>>> COMMAND`,
//! `<<< reply`) with one `[code] <address>... explanation` line per refused recipient, a
//! list of failed addresses with `(reason: …)` lines, and — from version 8 — an RFC 3464
//! part. The DSN part is read first; the transcript fills in the command, the reply and the
//! remote server's own status, and stands alone when there is no DSN part.

use std::collections::{HashMap, HashSet};

use super::text::{dequoted, leading_address, original_start};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::diagnostic::{command_at, reply_code_in, reply_code_start, status_in};
use crate::lines::lines;
use crate::mime::unfold;
use crate::model::SmtpCommand;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "sendmail",
    claims,
    decode,
    markers: &[TRANSCRIPT_MARKER],
};

/// The heading of the replayed SMTP dialogue.
const TRANSCRIPT_MARKER: &str = "----- Transcript of session follows";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.text_has(TRANSCRIPT_MARKER)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = dequoted(mail.text());
    // Sendmail's sections start with a dashed heading; a forwarded copy has the notice's
    // own headers before them, which must not be taken for the returned original.
    let start = ["----- The following addresses", TRANSCRIPT_MARKER]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(0);
    let sections = text.get(start..).unwrap_or_default();
    let dialogue = sections.get(..original_start(sections)).unwrap_or_default();
    let refused_greetings = greeting_refusals(dialogue);
    let mut read = transcript(dialogue);
    for entry in &mut read.entries {
        mark_greeting_refusal(&mut entry.command, &entry.diagnostic, &refused_greetings);
    }
    let Transcript { entries, index } = read;
    if let Some(mut decoded) = mail.delivery_status() {
        let named = decoded.by_address();
        // Entries the DSN does not name stand in for its recipients without a usable address.
        let mut spare = entries
            .iter()
            .filter(|e| !named.contains_key(&e.address.to_ascii_lowercase()))
            .collect::<Vec<_>>()
            .into_iter();
        let single = decoded.recipients.len() == 1;
        for facts in &mut decoded.recipients {
            let entry = match facts.recipient.as_deref() {
                Some(a) => index
                    .get(&a.to_ascii_lowercase())
                    .and_then(|&i| entries.get(i)),
                None => spare
                    .next()
                    .inspect(|e| facts.recipient = Some(e.address.clone())),
            };
            if let Some(entry) = entry {
                enrich(facts, entry);
            }
            // One recipient, and the transcript's error line names no address (a delivery to
            // a program, `554 could not connect and send the mail to 192.0.2.1`): the line
            // is about it, for whatever the fields and the list left out.
            let incomplete = facts.diagnostic.is_none() || facts.reply_code.is_none();
            if single
                && incomplete
                && let Some(line) = unaddressed_error_line(sections)
            {
                let from_line = RecipientFacts::from_text(String::new(), line);
                if facts.diagnostic.is_none() {
                    facts.diagnostic.clone_from(&from_line.diagnostic);
                }
                complete_codes(facts, &from_line);
            }
            if let Some(diagnostic) = facts.diagnostic.as_deref() {
                mark_greeting_refusal(&mut facts.command, diagnostic, &refused_greetings);
            }
            prefer_remote_status(facts);
        }
        decoded.format = FORMAT.name;
        return Some(decoded);
    }
    let recipients: Vec<RecipientFacts> = entries.into_iter().map(Entry::into_facts).collect();
    Decoded::found(FORMAT.name, recipients)
}

/// What the transcript says about one recipient.
#[derive(Debug, Default)]
struct Entry {
    address: String,
    /// The remote server's reply (`<<<` lines), else sendmail's explanation.
    diagnostic: String,
    command: Option<SmtpCommand>,
    remote_mta: Option<String>,
    /// What a local delivery program wrote just before sendmail's line about the recipient.
    program_output: Option<String>,
}

impl Entry {
    fn into_facts(self) -> RecipientFacts {
        let diagnostic = with_program_output(self.program_output.as_deref(), &self.diagnostic);
        let mut facts = RecipientFacts::from_text(self.address, &diagnostic);
        facts.command = facts.command.or(self.command);
        facts.remote_mta = self.remote_mta;
        facts
    }
}

/// A diagnostic with the local delivery program's own words before sendmail's summary of them
/// (`mail.local: unknown user: bob 554 <bob@example.net>... Service unavailable`).
fn with_program_output(output: Option<&str>, diagnostic: &str) -> String {
    match output {
        Some(output) if !diagnostic.contains(output) => format!("{output} {diagnostic}"),
        _ => diagnostic.to_string(),
    }
}

/// `text` after `prefix` (given in lower case) when it starts with it, in any ASCII case.
fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The entries of a transcript, one per recipient, with where each address's entry is.
struct Transcript {
    entries: Vec<Entry>,
    /// Index into `entries` by lowercased address.
    index: HashMap<String, usize>,
}

/// The host of a `... while talking to HOST:` line, when the line is one.
fn talking_to(line: &str) -> Option<&str> {
    strip_prefix_ci(line, "... while talking to ")
        .or_else(|| strip_prefix_ci(line, "while talking to "))
}

/// Reads the dialogue and the failed-address list into one entry per recipient (the first
/// mention of an address wins; a later one fills what is missing).
fn transcript(text: &str) -> Transcript {
    let mut entries: Vec<Entry> = Vec::new();
    // Where each address's entry is, by its lowercased address.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut host: Option<String> = None;
    let mut command: Option<SmtpCommand> = None;
    let mut reply = String::new();
    // The address of the failed-address list whose `(reason: …)` lines may follow.
    let mut listed: Option<String> = None;
    // Entries refused after `>>> DATA`: if another reply follows, the refusals answered the
    // pipelined RCPT commands sent with it, and the last reply is the one to DATA.
    let mut after_data: Vec<usize> = Vec::new();
    // What a local delivery program wrote (`mail.local: unknown user: bob`) just before
    // sendmail's own line about the recipient, which only summarises it.
    let mut program_output = String::new();
    for line in lines(text) {
        let trimmed = line.trim();
        if let Some(name) = talking_to(trimmed) {
            host = Some(name.trim_end_matches(':').trim_end_matches('.').to_string());
            command = None;
            reply.clear();
            listed = None;
            after_data.clear();
            program_output.clear();
            continue;
        }
        if let Some(sent) = trimmed.strip_prefix(">>> ") {
            command = command_at(sent);
            reply.clear();
            after_data.clear();
            continue;
        }
        if trimmed.is_empty() {
            // A program's words run straight into sendmail's line about them.
            program_output.clear();
        }
        if host.is_none() && is_program_output(trimmed) {
            if !program_output.is_empty() {
                program_output.push(' ');
            }
            program_output.push_str(trimmed);
            continue;
        }
        if let Some(received) = trimmed.strip_prefix("<<<") {
            for at in after_data.drain(..) {
                if let Some(entry) = entries.get_mut(at) {
                    entry.command = Some(SmtpCommand::Rcpt);
                }
            }
            if !reply.is_empty() {
                reply.push(' ');
            }
            reply.push_str(received.trim());
            continue;
        }
        if let Some(reason) = strip_prefix_ci(trimmed, "(reason:") {
            let reason = reason.trim_end_matches(')').trim();
            if let Some(address) = listed.take() {
                record(&mut entries, &mut index, address, reason, None, None);
            }
            continue;
        }
        if let Some((address, explanation)) = refusal_line(trimmed) {
            let diagnostic = if reply.is_empty() {
                explanation
            } else {
                std::mem::take(&mut reply)
            };
            let at = record(
                &mut entries,
                &mut index,
                address,
                &diagnostic,
                command,
                host.clone(),
            );
            if let Some(entry) = entries.get_mut(at)
                && !program_output.is_empty()
            {
                entry.program_output = Some(std::mem::take(&mut program_output));
            }
            if command == Some(SmtpCommand::Data) {
                after_data.push(at);
            }
            listed = None;
            continue;
        }
        listed = leading_address(trimmed).filter(|_| !trimmed.contains(char::is_whitespace));
    }
    Transcript { entries, index }
}

/// True for a line a local delivery program wrote to sendmail's transcript: its name and a
/// colon, then its message (`mail.local: unknown user: bob`,
/// `/usr/bin/procmail: Quota exceeded while writing`). Sendmail's own notes (`Warning: ...`)
/// and lines naming an address are not.
fn is_program_output(line: &str) -> bool {
    let Some((name, message)) = line.split_once(": ") else {
        return false;
    };
    !name.is_empty()
        && !message.trim().is_empty()
        && !line.contains('@')
        && !name.eq_ignore_ascii_case("warning")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'_' | b'-'))
        && name.bytes().any(|b| b.is_ascii_lowercase())
}

/// The replies a server gave in place of its greeting: a `<<<` reply right after
/// `... while talking to HOST:`, before any command was sent (RFC 5321 §3.1: `554` there means
/// the server offers this client no service).
fn greeting_refusals(dialogue: &str) -> HashSet<String> {
    let mut refusals = HashSet::new();
    let mut dialogue_lines = lines(dialogue).map(str::trim).peekable();
    while let Some(line) = dialogue_lines.next() {
        if talking_to(line).is_none() {
            continue;
        }
        let mut reply = String::new();
        while let Some(received) = dialogue_lines.peek().and_then(|l| l.strip_prefix("<<<")) {
            if !reply.is_empty() {
                reply.push(' ');
            }
            reply.push_str(received.trim());
            dialogue_lines.next();
        }
        if reply_code_in(&reply).is_some_and(|code| code >= 400) {
            reply.make_ascii_lowercase();
            refusals.insert(reply);
        }
    }
    refusals
}

/// Places a refusal at the connection stage when its text is one of the refused greetings
/// (kept in ASCII lower case, so that a notice with many sessions and recipients stays linear).
fn mark_greeting_refusal(
    command: &mut Option<SmtpCommand>,
    diagnostic: &str,
    refused: &HashSet<String>,
) {
    if command.is_none()
        && !refused.is_empty()
        && refused.contains(&diagnostic.trim().to_ascii_lowercase())
    {
        *command = Some(SmtpCommand::Conn);
    }
}

/// Adds what is known about `address`, or fills the gaps of its earlier entry; returns the
/// entry's index.
fn record(
    entries: &mut Vec<Entry>,
    index: &mut HashMap<String, usize>,
    address: String,
    diagnostic: &str,
    command: Option<SmtpCommand>,
    remote_mta: Option<String>,
) -> usize {
    let diagnostic = diagnostic.trim();
    let key = address.to_ascii_lowercase();
    if let Some(&at) = index.get(&key) {
        if let Some(entry) = entries.get_mut(at) {
            if entry.diagnostic.is_empty()
                || (reply_code_in(&entry.diagnostic).is_none()
                    && reply_code_in(diagnostic).is_some())
                || completes(&entry.diagnostic, diagnostic)
            {
                entry.diagnostic = diagnostic.to_string();
            }
            entry.command = entry.command.or(command);
            entry.remote_mta = entry.remote_mta.take().or(remote_mta);
        }
        return at;
    }
    entries.push(Entry {
        address,
        diagnostic: diagnostic.to_string(),
        command,
        remote_mta,
        program_output: None,
    });
    let at = entries.len() - 1;
    index.insert(key, at);
    at
}

/// A `[code [status]] <address>... explanation` line: the address, and the line as the
/// diagnostic with sendmail's `Deferred:` left out.
fn refusal_line(line: &str) -> Option<(String, String)> {
    let (head, explanation) = line
        .split_once("... ")
        .or_else(|| line.strip_suffix("...").map(|head| (head, "")))?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let (candidate, codes) = words.split_last()?;
    if codes.len() > 2
        || !codes
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    {
        return None;
    }
    let address = leading_address(candidate)?;
    let explanation = explanation.trim();
    let explanation = explanation
        .strip_prefix("Deferred:")
        .map_or(explanation, str::trim);
    // A code sendmail relays from the remote server ("554 <a@b>... 550 Host unknown") is
    // the one that counts; sendmail's own codes come first otherwise.
    let diagnostic = if reply_code_in(explanation).is_some() || codes.is_empty() {
        explanation.to_string()
    } else {
        format!("{} {explanation}", codes.join(" "))
    };
    Some((address, diagnostic))
}

/// Fills the gaps of a DSN recipient from the transcript.
fn enrich(facts: &mut RecipientFacts, entry: &Entry) {
    let from_transcript = RecipientFacts::from_text(entry.address.clone(), &entry.diagnostic);
    facts.command = facts.command.or(entry.command).or(from_transcript.command);
    complete_codes(facts, &from_transcript);
    // A diagnostic without a type was not given by a `Diagnostic-Code` field but found in the
    // text around the address; sendmail's own line about the recipient says it better.
    let guessed = facts.diagnostic_type.is_none() && from_transcript.reply_code.is_some();
    // The field may hold only the first line of a multi-line reply (`550-Verification failed
    // for <…>`) that the transcript gives whole.
    let first_line_only = facts
        .diagnostic
        .as_deref()
        .zip(from_transcript.diagnostic.as_deref())
        .is_some_and(|(field, whole)| completes(field, whole));
    if facts.diagnostic.is_none() || guessed || first_line_only {
        facts.diagnostic = from_transcript.diagnostic;
    }
    if let Some(diagnostic) = &facts.diagnostic {
        facts.diagnostic = Some(with_program_output(
            entry.program_output.as_deref(),
            diagnostic,
        ));
    }
    if facts.remote_mta.is_none() {
        facts.remote_mta.clone_from(&entry.remote_mta);
    }
}

/// True when `first` is only the first line of a multi-line SMTP reply (`550-Verification
/// failed for <…>`) and `whole` is that reply with its other lines.
fn completes(first: &str, whole: &str) -> bool {
    let bytes = first.as_bytes();
    let opens_multiline =
        bytes.len() > 4 && bytes[..3].iter().all(u8::is_ascii_digit) && bytes[3] == b'-';
    opens_multiline
        && whole.len() > first.len()
        && whole
            .get(..first.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(first))
}

/// Sendmail's line about a recipient carries the code it answers over SMTP, for a local
/// mailer's failure too (`554 5.3.0 unknown mailer error 255` beside `X-Unix; 255`): it fills
/// the reply code. Its status replaces a generic field of the same class only for an SMTP
/// diagnostic: beside a local program's exit status the field's own code is kept, so that the
/// failure stays the mailer's (`mailererror`), not the class default of `5.3.0`.
fn complete_codes(facts: &mut RecipientFacts, line: &RecipientFacts) {
    facts.reply_code = facts.reply_code.or(line.reply_code);
    if let (Some(field), Some(found)) = (facts.status, line.status)
        && facts.diagnostic_type.as_deref().is_none_or(is_smtp)
        && field.is_generic()
        && !found.is_generic()
        && found.class() == field.class()
    {
        facts.status = Some(found);
    }
}

/// The first line of the transcript that is sendmail's own error (a failure reply code at the
/// start: `554 5.3.0 unknown mailer error 255`, `451 4.0.0 Operating system error`) and names
/// no address.
fn unaddressed_error_line(sections: &str) -> Option<&str> {
    let transcript = sections.get(sections.find(TRANSCRIPT_MARKER)?..)?;
    lines(transcript).map(str::trim).find(|line| {
        reply_code_start(line) == Some(0)
            && reply_code_in(line).is_some_and(|code| code >= 400)
            && !line.contains('@')
    })
}

/// True for the `smtp` diagnostic type, in any case.
fn is_smtp(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("smtp")
}

/// Sendmail writes its own summary into `Status:` (`4.4.7` when it gave up, `5.1.1` for
/// any refused recipient); the remote server's code in the diagnostic says more.
fn prefer_remote_status(facts: &mut RecipientFacts) {
    let remote = facts
        .diagnostic
        .as_deref()
        .filter(|_| facts.diagnostic_type.as_deref().is_none_or(is_smtp))
        .and_then(status_in);
    if let Some(remote) = remote.filter(|s| !s.is_generic()) {
        facts.status = Some(remote);
    }
    if facts
        .diagnostic
        .as_deref()
        .is_some_and(|d| unfold(d).is_empty())
    {
        facts.diagnostic = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    /// A sendmail 8 notice: its list of failed addresses, its transcript and the recipient's
    /// DSN fields.
    fn notice(list: &str, transcript: &str, fields: &str) -> String {
        format!(
            "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n\
Subject: Returned mail: see transcript for details\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n\
--b\n\n\
   ----- The following addresses had permanent fatal errors -----\n{list}\n\n\
   ----- Transcript of session follows -----\n{transcript}\n\n\
--b\nContent-Type: message/delivery-status\n\n\
Reporting-MTA: dns; mx.example.com\n\n{fields}\n\n--b--\n"
        )
    }

    #[test]
    fn enriches_the_dsn_from_the_transcript() {
        let raw = notice(
            "<bob@example.net>\n    (reason: 550 5.7.1 Sender address blocked)",
            "... while talking to mx.example.net.:\n>>> RCPT To:<bob@example.net>\n\
<<< 550 5.7.1 Sender address blocked\n550 5.1.1 <bob@example.net>... User unknown",
            "Final-Recipient: RFC822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\
Diagnostic-Code: SMTP; 550 5.7.1 Sender address blocked",
        );
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(decoded.format, "sendmail");
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.7.1"));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.net"));
    }

    #[test]
    fn a_local_mailers_failure_takes_the_code_of_sendmails_line() {
        let raw = notice(
            "|/usr/local/bin/filter\n    (reason: 77)\n    (expanded from: <bob@example.net>)",
            "554 5.3.0 <bob@example.net>... unknown mailer error 77",
            "Final-Recipient: RFC822; bob@example.net\nAction: failed\nStatus: 5.0.0\n\
Diagnostic-Code: X-Unix; 77",
        );
        let decoded = decode_text(&raw).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(554));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.0.0"));
        // The only recipient, delivered to a program: sendmail's unaddressed line is about it.
        let unaddressed = raw.replace("554 5.3.0 <bob@example.net>... ", "554 5.3.0 ");
        let decoded = decode_text(&unaddressed).unwrap();
        assert_eq!(decoded.recipients[0].reply_code, Some(554));
    }

    #[test]
    fn a_reply_in_place_of_the_greeting_is_a_refusal_at_connection() {
        let raw = notice(
            "<bob@example.net>\n    (reason: 554 No SMTP service for you)",
            "... while talking to mx.example.net.:\n<<< 554 No SMTP service for you\n\
554 5.0.0 Service unavailable",
            "Final-Recipient: RFC822; bob@example.net\nAction: failed\nStatus: 5.5.0\n\
Diagnostic-Code: SMTP; 554 No SMTP service for you",
        );
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(decoded.recipients[0].command, Some(SmtpCommand::Conn));
        // Once a command was sent, the reply answers it, not the connection.
        let after_helo = raw.replace(
            "<<< 554 No SMTP service for you\n",
            ">>> EHLO mx.example.com\n<<< 554 No SMTP service for you\n",
        );
        let decoded = decode_text(&after_helo).unwrap();
        assert_ne!(decoded.recipients[0].command, Some(SmtpCommand::Conn));
    }

    #[test]
    fn a_local_programs_words_come_before_sendmails_summary() {
        let raw = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n\
Subject: Returned mail: Service unavailable\n\n\
   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n\n\
   ----- Transcript of session follows -----\n\
mail.local: unknown user: bob\n\
554 <bob@example.net>... Service unavailable\n\
Warning: message still undelivered after 4 hours\n\n\
   ----- Unsent message follows -----\nFrom: alice@example.com\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("mail.local: unknown user: bob 554 Service unavailable")
        );
        assert_eq!(decoded.recipients[0].reply_code, Some(554));
        assert!(!is_program_output("Warning: message still undelivered"));
        assert!(!is_program_output("From: alice@example.com"));
        assert!(is_program_output(
            "/usr/bin/procmail: Quota exceeded while writing"
        ));
    }

    #[test]
    fn sendmails_line_beats_a_diagnostic_found_in_the_text() {
        // No Diagnostic-Code: the line about the recipient is its diagnostic, not the list of
        // expansions around the address.
        let raw = notice(
            "<bob@example.net>\nbob@example.net\n    (expanded from: <bob@example.net>)",
            "554 bob@example.net... aliasing/forwarding loop broken (11 aliases deep; 10 max)",
            "Final-Recipient: RFC822; <bob@example.net>\nAction: failed\nStatus: 5.0.0",
        );
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("554 aliasing/forwarding loop broken (11 aliases deep; 10 max)")
        );
    }

    #[test]
    fn a_multi_line_reply_is_taken_whole_from_the_transcript() {
        let raw = notice(
            "<bob@example.net>\n    (reason: 550-Verification failed for <alice@example.com>)",
            "... while talking to mx.example.net.:\n>>> RCPT To:<bob@example.net>\n\
<<< 550-Verification failed for <alice@example.com>\n<<< 550 Sender verify failed\n\
550 5.1.1 <bob@example.net>... User unknown",
            "Final-Recipient: RFC822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\
Diagnostic-Code: SMTP; 550-Verification failed for <alice@example.com>",
        );
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("550-Verification failed for <alice@example.com> 550 Sender verify failed")
        );
        assert!(completes("550-a", "550-a 550 b"));
        assert!(!completes("550 a", "550 a 550 b"));
        assert!(!completes("550-a", "550-b 550 c"));
    }

    #[test]
    fn reads_a_version_5_transcript() {
        let raw = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n\
Subject: Returned mail: User unknown\n\n\
   ----- Transcript of session follows -----\n\
550 example.org (smtp)... 550 Host unknown\n\
554 <carol@example.org>... 550 Host unknown (Authoritative answer from name server)\n\
While talking to mx.example.net:\n\
>>> RCPT To:<bob@example.net>\n\
<<< 550 Requested mailbox not found\n\
550 <bob@example.net>... User unknown\n\n\
   ----- Unsent message follows -----\nFrom: alice@example.com\n";
        let decoded = decode_text(raw).unwrap();
        let got: Vec<_> = decoded
            .recipients
            .iter()
            .map(|r| (r.recipient.as_deref(), r.reply_code, r.command))
            .collect();
        assert_eq!(
            got,
            [
                (Some("carol@example.org"), Some(550), None),
                (Some("bob@example.net"), Some(550), Some(SmtpCommand::Rcpt)),
            ]
        );
        assert_eq!(
            decoded.recipients[1].diagnostic.as_deref(),
            Some("550 Requested mailbox not found")
        );
    }

    #[test]
    fn reads_a_forwarded_quoted_copy() {
        let quoted: String =
            "Subject: Returned mail\n\n   ----- Transcript of session follows -----\n\
... while talking to mx.example.net.:\n>>> DATA\n<<< 550 5.1.1 <bob@example.net>... User unknown\n\
550 5.1.1 <bob@example.net>... User unknown\n"
                .lines()
                .map(|l| format!("> {l}\n"))
                .collect();
        let raw =
            format!("From: alice@example.com\nSubject: Fwd: bounce\n\nForwarded:\n\n{quoted}");
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(decoded.recipients[0].command, Some(SmtpCommand::Data));
    }
}
