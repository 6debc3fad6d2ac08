//! Postfix. Its bounces carry an RFC 3464 part, read by that reader; what is Postfix's own
//! is the report its SMTP server sends the postmaster ("Postfix SMTP server: errors from
//! …"), a transcript of `In:` commands and `Out:` replies in which the recipients are the
//! `RCPT TO` addresses and the failure is the last error reply.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::{command_at, reply_code_in};
use crate::lines::lines;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "postfix",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.subject_lower()
        .starts_with("postfix smtp server: errors from")
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut addresses: Vec<String> = Vec::new();
    let mut last_in = "";
    let mut failure: Option<(&str, &str)> = None;
    for line in lines(mail.notice_text()) {
        let line = line.trim();
        if let Some(command) = line.strip_prefix("In:") {
            last_in = command.trim();
            if let Some(rest) = last_in
                .get(..8)
                .filter(|h| h.eq_ignore_ascii_case("RCPT TO:"))
                && let Some(address) = last_in.get(rest.len()..).and_then(find_address)
            {
                addresses.push(address);
            }
        } else if let Some(reply) = line.strip_prefix("Out:") {
            let reply = reply.trim();
            if reply_code_in(reply).is_some_and(|c| c >= 400) {
                failure = Some((last_in, reply));
            }
        }
    }
    let (command, reply) = failure?;
    let recipients: Vec<RecipientFacts> = addresses
        .into_iter()
        .map(|address| {
            let mut facts = RecipientFacts::from_text(address, reply);
            facts.command = command_at(command);
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;
    use crate::model::SmtpCommand;

    #[test]
    fn reads_the_smtpd_transcript() {
        let raw = "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n\
Subject: Postfix SMTP server: errors from mx.example.net[192.0.2.4]\n\n\
Transcript of session follows.\n\n Out: 220 mx.example.org ESMTP\n In:  EHLO mx.example.net\n\
 Out: 250 mx.example.org\n In:  MAIL FROM:<alice@example.com>\n Out: 250 2.1.0 Ok\n\
 In:  RCPT TO:<bob@example.org>\n Out: 250 2.1.5 Ok\n In:  DATA\n Out: 354 End data\n\
 Out: 451 4.3.0 Error: queue file write error\n In:  QUIT\n Out: 221 2.0.0 Bye\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let r = &decode(&mail).unwrap().recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(r.reply_code, Some(451));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("4.3.0"));
        assert_eq!(r.command, Some(SmtpCommand::Data));
    }
}
