//! Notices written by content-security gateways (McAfee, MXLogic, SurfControl, MailFoundry):
//! the gateway accepts the whole message, then relays it inward and bounces what the inner
//! server refuses — so from the sender's side every refusal came after `DATA`.

use super::Incoming;

/// Header names that only these gateways add.
const GATEWAY_HEADERS: [&str; 2] = ["X-NAI-Header", "X-SEF-Processed"];

/// Words in `X-Mailer`, `Received` or the sender's host that name a gateway product.
const GATEWAY_NAMES: [&str; 4] = ["mcafee", "surfcontrol", "mxlogic", "mailfoundry"];

/// True when a content-security gateway wrote the notice.
pub(crate) fn written_by_gateway(mail: &Incoming<'_, '_>) -> bool {
    if GATEWAY_HEADERS.iter().any(|name| mail.has_header(name)) {
        return true;
    }
    let named = |text: Option<String>| {
        text.is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            GATEWAY_NAMES.iter().any(|name| t.contains(name))
        })
    };
    named(mail.header("X-Mailer"))
        || named(mail.header("Received"))
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
