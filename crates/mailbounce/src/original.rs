//! The identity of the message that bounced, from the copy or headers the notice returns.

use crate::mime::{MessageView, MimeView};
use crate::model::OriginalMessage;

/// Reads the first returned original: a `message/rfc822` (or `message/global`) part, or a
/// `text/rfc822-headers` (or `message/global-headers`) part. `None` when there is none.
pub(crate) fn find_original(message: &MessageView<'_, '_>) -> Option<OriginalMessage> {
    for part in message.parts() {
        let content_type = part.content_type();
        if let Some(nested) = part.message() {
            return Some(identity(&nested));
        }
        if matches!(
            content_type.as_str(),
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
    }
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
    }
}
