//! Structure: what a mail system's notice is built like — a null envelope sender, a
//! well-formed delivery-status report, a layout a known server writes, the original quoted
//! back, and a system account as the sender.

use super::{Evidence, Signals};
use crate::dsn::parse_delivery_status;
use crate::model::{SignalOutcome, StatusCode};

/// `Return-Path: <>`.
pub(crate) const NULL_SENDER: &str = "null_sender";
/// A `message/delivery-status` part that parses.
pub(crate) const DELIVERY_STATUS: &str = "delivery_status";
/// A reader other than the generic one decoded the notice.
pub(crate) const SERVER_FORMAT: &str = "server_format";
/// The original message (or its headers) is returned.
pub(crate) const QUOTED_ORIGINAL: &str = "quoted_original";
/// Sent by `MAILER-DAEMON`, `postmaster` or a similar system account.
pub(crate) const SYSTEM_SENDER: &str = "system_sender";

/// Local parts that mail systems send notices from.
const SYSTEM_ACCOUNTS: [&str; 8] = [
    "mailer-daemon",
    "mailer_daemon",
    "mailerdaemon",
    "mail-daemon",
    "maildaemon",
    "postmaster",
    "mailmaster",
    "mdaemon",
];

/// True when the address's local part is a mail system account.
pub(crate) fn is_system_account(address: &str) -> bool {
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    // Exchange sends its notices from `MicrosoftExchange` followed by a hexadecimal id.
    SYSTEM_ACCOUNTS
        .iter()
        .any(|a| local.eq_ignore_ascii_case(a))
        || local
            .get(..17)
            .is_some_and(|head| head.eq_ignore_ascii_case("microsoftexchange"))
}

pub(super) fn check(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) {
    let message = evidence.mail.message;

    match message.header_raw("Return-Path") {
        Some(path) => {
            let bare = path.trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace());
            if bare.is_empty() {
                signals.push(
                    NULL_SENDER,
                    SignalOutcome::Pass,
                    2,
                    "Return-Path: <>".into(),
                );
            } else if is_system_account(bare) {
                signals.push(
                    NULL_SENDER,
                    SignalOutcome::Pass,
                    1,
                    format!("Return-Path: {path}"),
                );
            } else {
                signals.push(
                    NULL_SENDER,
                    SignalOutcome::Fail,
                    1,
                    format!("Return-Path: {path}"),
                );
            }
        }
        None => signals.push(
            NULL_SENDER,
            SignalOutcome::Neutral,
            0,
            "no Return-Path".into(),
        ),
    }

    delivery_status(evidence, signals);

    match evidence
        .report
        .bounces
        .first()
        .map(|b| b.decoded_by.as_str())
    {
        Some(name) if !name.is_empty() && name != "generic" => {
            signals.push(SERVER_FORMAT, SignalOutcome::Pass, 1, name.to_string());
        }
        Some(name) => signals.push(SERVER_FORMAT, SignalOutcome::Neutral, 0, name.to_string()),
        None => {}
    }

    let original = evidence.report.original.as_ref();
    match original.and_then(|o| o.message_id.as_deref().or(o.from.as_deref())) {
        Some(what) => signals.push(QUOTED_ORIGINAL, SignalOutcome::Pass, 1, what.to_string()),
        None if evidence.quoted_lower().contains("message-id:") => {
            signals.push(
                QUOTED_ORIGINAL,
                SignalOutcome::Pass,
                1,
                "quoted inline".into(),
            );
        }
        None => signals.push(QUOTED_ORIGINAL, SignalOutcome::Neutral, 0, "none".into()),
    }

    if let Some(from) = evidence.report.from.as_deref()
        && is_system_account(from)
    {
        signals.push(SYSTEM_SENDER, SignalOutcome::Pass, 1, from.to_string());
    }
}

/// A `message/delivery-status` part with at least one complete recipient block is what RFC
/// 3464 asks for; a report that announces one and holds none is malformed.
fn delivery_status(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) {
    let message = evidence.mail.message;
    let part = message.parts().find(|p| {
        matches!(
            p.content_type(),
            "message/delivery-status" | "message/global-delivery-status"
        )
    });
    let Some(part) = part else {
        if message.content_type_param("report-type").as_deref() == Some("delivery-status") {
            signals.push(
                DELIVERY_STATUS,
                SignalOutcome::Fail,
                1,
                "report without a delivery-status part".into(),
            );
        }
        return;
    };
    let status = parse_delivery_status(&part.text());
    let complete = status.recipients.iter().find(|r| {
        r.final_recipient.is_some()
            && r.action.is_some()
            && r.status
                .as_deref()
                .and_then(|s| s.split_whitespace().next())
                .is_some_and(|s| s.parse::<StatusCode>().is_ok())
    });
    match complete {
        Some(r) => signals.push(
            DELIVERY_STATUS,
            SignalOutcome::Pass,
            2,
            format!(
                "Final-Recipient: {}; Status: {}",
                r.final_recipient.as_deref().unwrap_or_default(),
                r.status.as_deref().unwrap_or_default()
            ),
        ),
        None => signals.push(
            DELIVERY_STATUS,
            SignalOutcome::Fail,
            1,
            "no complete recipient block".into(),
        ),
    }
}
