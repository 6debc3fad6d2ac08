//! The identity of the message that bounced, from the copy or headers the notice returns.

use crate::mime::{MessageView, MimeView};
use crate::model::OriginalMessage;

/// The most headers of the original kept: enough for any real message, bounded for hostile ones.
const MAX_HEADERS: usize = 500;

/// Reads the first returned original: a `message/rfc822` (or `message/global`) part, or a
/// `text/rfc822-headers` (or `message/global-headers`) part. `None` when there is none.
pub(crate) fn find_original(message: &MessageView<'_, '_>) -> Option<OriginalMessage> {
    for part in message.parts() {
        if let Some(nested) = part.message() {
            return Some(identity(&nested));
        }
        if matches!(
            part.content_type().as_str(),
            "text/rfc822-headers" | "message/global-headers" | "message/rfc822-headers"
        ) {
            // The header parser needs the block closed by a blank line to decode the last field.
            let mut text = part.text().trim().to_string();
            text.push_str("\n\n");
            let headers = MimeView::parse_headers(text.as_bytes())?;
            return Some(identity(&headers.root()));
        }
    }
    None
}

fn identity(headers: &MessageView<'_, '_>) -> OriginalMessage {
    OriginalMessage {
        message_id: headers.message_id(),
        from: headers.addresses("From").into_iter().next(),
        to: headers.addresses("To"),
        subject: headers.header_text("Subject"),
        date: headers.date("Date"),
        envelope_id: None,
        headers: headers.all_headers(MAX_HEADERS),
    }
}

/// Reads the original quoted inline in a plain-text notice (`quoted`, the notice's readable
/// text from the line that introduces the original on, as `Incoming::quoted_original` gives
/// it): the header block that follows that line. `None` when the text quotes no header block.
pub(crate) fn inline_original(quoted: &str) -> Option<OriginalMessage> {
    let mut block = String::new();
    let mut started = false;
    for line in quoted.lines() {
        let line = line.strip_prefix("> ").unwrap_or(line);
        if !started {
            // Skip the introducing line and blank lines until the first header line.
            if is_header_line(line) {
                started = true;
            } else {
                continue;
            }
        } else if line.trim().is_empty()
            || (!is_header_line(line) && !line.starts_with([' ', '\t']))
        {
            break;
        }
        block.push_str(line);
        block.push('\n');
    }
    if !started {
        return None;
    }
    block.push('\n');
    let headers = MimeView::parse_headers(block.as_bytes())?;
    let original = identity(&headers.root());
    (!original.headers.is_empty()).then_some(original)
}

/// True for a `Name: value` line with a plausible field name.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.len() <= 60
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_returned_headers() {
        let raw = b"From: MAILER-DAEMON@mx.example.org\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\
\n\
--b\n\
Content-Type: text/rfc822-headers\n\
\n\
Message-ID: <m1@example.com>\n\
From: Alice <alice@example.com>\n\
To: bob@example.net, carol@example.net\n\
Subject: =?utf-8?q?Caf=C3=A9?=\n\
--b--\n";
        let view = MimeView::parse(raw).unwrap();
        let original = find_original(&view.root()).unwrap();
        assert_eq!(original.message_id.as_deref(), Some("m1@example.com"));
        assert_eq!(original.from.as_deref(), Some("alice@example.com"));
        assert_eq!(original.to, ["bob@example.net", "carol@example.net"]);
        assert_eq!(original.subject.as_deref(), Some("Caf\u{e9}"));
        assert_eq!(
            original.header("to"),
            Some("bob@example.net, carol@example.net")
        );
        assert_eq!(original.header("Subject"), Some("Caf\u{e9}"));
    }

    #[test]
    fn reads_an_inline_copy() {
        let text = "I'm afraid I wasn't able to deliver your message.\n\n\
<nobody@example.net>:\nSorry, no mailbox here by that name.\n\n\
--- Below this line is a copy of the message.\n\n\
Return-Path: <news@example.com>\n\
Message-ID: <n1@example.com>\n\
X-Campaign-Id:\n  spring-2026\n\
Subject: News\n\
\n\
Body text: not a header.\n";
        let original = inline_original(&text[text.find("--- Below").unwrap()..]).unwrap();
        assert_eq!(original.message_id.as_deref(), Some("n1@example.com"));
        assert_eq!(original.header("x-campaign-id"), Some("spring-2026"));
        assert_eq!(original.header("Body text"), None);
        assert_eq!(inline_original("no copy here\n"), None);
    }
}
