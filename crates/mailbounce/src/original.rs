//! The identity of the message that bounced, from the copy or headers the notice returns.

use crate::lines::lines;
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
            part.content_type(),
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
    let mut original = OriginalMessage::default();
    original.message_id = headers.message_id();
    original.from = headers.addresses("From").into_iter().next();
    original.to = headers.addresses("To");
    original.subject = headers.header_text("Subject").map(str::to_string);
    original.date = headers.date("Date");
    // The other headers are read by few callers: their block is kept and decoded on demand.
    match headers.header_block() {
        Some(block) => original.set_raw_headers(block, decode_headers),
        None => original.set_headers(headers.all_headers(MAX_HEADERS)),
    }
    original
}

/// Decodes a header block that [`identity`] kept: the very reading it would have made then,
/// since the block parses back into the same headers.
fn decode_headers(block: &[u8]) -> Vec<(String, String)> {
    MimeView::parse_headers(block)
        .map(|headers| headers.root().all_headers(MAX_HEADERS))
        .unwrap_or_default()
}

/// Reads the original quoted inline in a plain-text notice (`quoted`, the notice's readable
/// text from the line that introduces the original on, as `Incoming::quoted_original` gives
/// it): the header block that follows that line. `None` when the text quotes no header block.
pub(crate) fn inline_original(quoted: &str) -> Option<OriginalMessage> {
    let mut block = String::new();
    let mut started = false;
    for line in lines(quoted) {
        let line = line.strip_prefix("> ").unwrap_or(line);
        if !started {
            // Skip the introducing line and blank lines until the first header line. A lone
            // `Word:` with nothing after it is a heading ("Ursprungshuvuden:"), not a field.
            let empty_value = || {
                line.split_once(':')
                    .is_some_and(|(_, v)| v.trim().is_empty())
            };
            if is_header_line(line) && !empty_value() {
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
    // `None` when the block holds no header.
    let headers = MimeView::parse_headers(block.as_bytes())?;
    Some(identity(&headers.root()))
}

/// The longest field name taken for one.
const MAX_NAME: usize = 60;

/// True for a `Name: value` line with a plausible field name. The colon is looked for only
/// where a name could end, not along the whole line.
fn is_header_line(line: &str) -> bool {
    let head = line.as_bytes().get(..=MAX_NAME).unwrap_or(line.as_bytes());
    memchr::memchr(b':', head).is_some_and(|colon| {
        let name = &head[..colon];
        !name.is_empty() && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
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

    /// A notice returning `original` as a `message/rfc822` part (`encoding` its transfer
    /// encoding, the body given already encoded).
    fn returning(original: &str, encoding: &str) -> Vec<u8> {
        format!(
            "From: MAILER-DAEMON@mx.example.org\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\
\r\n\
--b\r\n\
Content-Type: message/rfc822\r\n\
Content-Transfer-Encoding: {encoding}\r\n\
\r\n\
{original}\r\n\
--b--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn kept_headers_decode_as_read_at_once() {
        let header = "Return-Path: <news@example.com>\r\n\
Received: from a.example.com\r\n\tby b.example.net; Tue, 3 Mar 2026 10:00:00 +0000\r\n\
From: =?utf-8?q?Caf=C3=A9?= <news@example.com>\r\n\
To: a@example.net,\r\n  b@example.net\r\n\
Subject: =?iso-8859-1?q?R=E9sum=E9?=\r\n\
X-Campaign-Id:\r\n  spring-2026\r\n\
X-Raw: caf\u{e9} 8-bit\r\n\
Date: Tue, 3 Mar 2026 10:00:00 +0000\r\n";
        let many: String = (0..600).map(|i| format!("X-N{i}: {i}\n")).collect();
        let samples = [
            returning(&format!("{header}\r\nBody.\r\n"), "7bit"),
            // A header not closed before the boundary runs on to the next empty line.
            [
                returning(header.trim_end(), "7bit"),
                b"\r\nEpilogue.\r\n".to_vec(),
            ]
            .concat(),
            returning(&header.replace("\r\n", "\n"), "8bit"),
            returning(
                "VG86IGFAZXhhbXBsZS5uZXQNClN1YmplY3Q6IGhpDQoNCkJvZHkNCg==",
                "base64",
            ),
            returning(&format!("{many}\nBody.\n"), "7bit"),
        ];
        for raw in &samples {
            let view = MimeView::parse(raw).unwrap();
            let root = view.root();
            let nested = root.parts().find_map(|part| part.message()).unwrap();
            let eager = nested.all_headers(MAX_HEADERS);
            let original = find_original(&root).unwrap();
            assert!(!original.is_empty());
            assert!(!eager.is_empty());
            assert!(nested.header_block().is_some());
            assert_eq!(original.headers(), eager);
        }
        let view = MimeView::parse(&samples[4]).unwrap();
        let original = find_original(&view.root()).unwrap();
        assert_eq!(original.headers().len(), MAX_HEADERS);
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

    #[test]
    fn a_one_word_heading_is_not_the_first_field() {
        let quoted = "Ursprungshuvuden:\n\nFrom: Alice <alice@example.com>\n\
Message-ID: <h1@example.com>\n\nbody\n";
        let original = inline_original(quoted).unwrap();
        assert_eq!(original.message_id.as_deref(), Some("h1@example.com"));
    }
}
