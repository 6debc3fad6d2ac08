//! Shared helpers of the mailbounce benchmarks: loading the messages to measure.

use std::path::{Path, PathBuf};

/// The messages to measure: the shared development corpus when it sits beside the repository
/// (`../shared/corpus/sisimai`), otherwise the project's own samples in `examples/bounces`.
pub fn load_messages() -> (PathBuf, Vec<Vec<u8>>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus/sisimai");
    let dir = if corpus.is_dir() {
        corpus
    } else {
        root.join("examples/bounces")
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    paths.sort();
    let messages = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    (dir, messages)
}

/// A delivery status notification of about `size` bytes whose bulk is what real worst cases
/// carry: a returned original with a long quoted text body and a large base64 attachment.
pub fn large_bounce(size: usize) -> Vec<u8> {
    let mut out = String::with_capacity(size + 4096);
    out.push_str(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n\
To: sender@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"outer\"\r\n\r\n\
--outer\r\nContent-Type: text/plain\r\n\r\n\
<bob@example.net>: host mx.example.net[192.0.2.1] said: 552 5.2.2 Mailbox full\r\n\
    (in reply to RCPT TO command)\r\n\r\n\
--outer\r\nContent-Type: message/delivery-status\r\n\r\n\
Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\n\
Action: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n\r\n\
--outer\r\nContent-Type: message/rfc822\r\n\r\n\
From: sender@example.com\r\nTo: bob@example.net\r\nSubject: The report\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n\
--inner\r\nContent-Type: text/plain\r\n\r\n",
    );
    // Half quoted text, half attachment.
    let line = "> The quarterly figures are attached; the summary follows below.\r\n";
    while out.len() < size / 2 {
        out.push_str(line);
    }
    out.push_str(
        "\r\n--inner\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n",
    );
    let base64_line =
        "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURl\r\n";
    while out.len() < size {
        out.push_str(base64_line);
    }
    out.push_str("\r\n--inner--\r\n\r\n--outer--\r\n");
    out.into_bytes()
}

/// A delivery status notification listing `count` failed recipients, each with its field
/// block and a line of explanation.
pub fn dsn_with_recipients(count: usize) -> Vec<u8> {
    let mut text = String::new();
    let mut fields = String::from("Reporting-MTA: dns; mx.example.org\r\n");
    for i in 0..count {
        text.push_str(&format!(
            "<user{i}@example.net>: host mx.example.net said: 550 5.1.1 User unknown\r\n"
        ));
        fields.push_str(&format!(
            "\r\nFinal-Recipient: rfc822; user{i}@example.net\r\nAction: failed\r\n\
Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        ));
    }
    format!(
        "From: MAILER-DAEMON@mx.example.org\r\nTo: sender@example.com\r\n\
Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\n{text}\r\n\
--b\r\nContent-Type: message/delivery-status\r\n\r\n{fields}\r\n--b--\r\n"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_bounces_are_read() {
        let report = mailbounce::parse(&large_bounce(200_000)).unwrap();
        assert_eq!(report.bounces.len(), 1);
        assert_eq!(report.bounces[0].kind.reason(), "mailboxfull");
        let report = mailbounce::parse(&dsn_with_recipients(50)).unwrap();
        assert_eq!(report.bounces.len(), 50);
    }
}
