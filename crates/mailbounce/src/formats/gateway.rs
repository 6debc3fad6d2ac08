//! Notices written by content-security gateways (McAfee, MXLogic, SurfControl, MailFoundry):
//! the gateway accepts the whole message, then relays it inward and bounces what the inner
//! server refuses — so from the sender's side every refusal came after `DATA`.

use super::Incoming;
use super::text::find_ascii_ci;

/// Header names that only these gateways add.
const GATEWAY_HEADERS: [&str; 2] = ["X-NAI-Header", "X-SEF-Processed"];

/// Words in `X-Mailer`, `Received` or the sender's host that name a gateway product.
const GATEWAY_NAMES: [&str; 4] = ["mcafee", "surfcontrol", "mxlogic", "mailfoundry"];

/// True when a content-security gateway wrote the notice.
pub(crate) fn written_by_gateway(mail: &Incoming<'_, '_>) -> bool {
    if GATEWAY_HEADERS.iter().any(|name| mail.has_header(name)) {
        return true;
    }
    let named = |text: Option<&str>| {
        text.is_some_and(|t| {
            GATEWAY_NAMES
                .iter()
                .any(|name| find_ascii_ci(t, name).is_some())
        })
    };
    named(mail.message.header_raw("X-Mailer"))
        || named(mail.message.header_raw("Received"))
        || GATEWAY_NAMES
            .iter()
            .any(|name| mail.sender_lower().contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn check(raw: &str) -> bool {
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        written_by_gateway(&Incoming::new(view.root()))
    }

    #[test]
    fn recognises_gateway_markers() {
        assert!(check(
            "From: MAILER-DAEMON@gw.example.org\nX-NAI-Header: Modified by McAfee Email Gateway\n\nx\n"
        ));
        assert!(check(
            "From: MAILER-DAEMON@gw.example.org\nX-Mailer: SurfControl E-mail Filter\n\nx\n"
        ));
        assert!(check("From: MAILER-DAEMON@relay1.mxlogic.net\n\nx\n"));
        assert!(check(
            "Received: From localhost by gw.example.org (MAILFOUNDRY) id 1\nFrom: a@example.org\n\nx\n"
        ));
        assert!(!check(
            "From: MAILER-DAEMON@mx.example.org\nX-Mailer: Postfix\n\nx\n"
        ));
    }
}
