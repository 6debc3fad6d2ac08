//! Consistency: whether the notice agrees with itself — the sender's domain with the server
//! that wrote it (Reporting-MTA, the hop it arrived from, its DKIM signature), the failed
//! recipient with the quoted original, the status code with the server's reply.

use super::domains::{clean_host, domain_of, same_organisation};
use super::{Evidence, Signals};
use crate::model::SignalOutcome;

/// The From domain belongs with the Reporting-MTA, the arrival hop or the DKIM signer.
pub(crate) const SENDER_ALIGNMENT: &str = "sender_alignment";
/// A failed recipient is among the quoted original's recipients.
pub(crate) const RECIPIENT_MATCHES_ORIGINAL: &str = "recipient_matches_original";
/// The status code's class agrees with the SMTP reply code.
pub(crate) const STATUS_MATCHES_DIAGNOSTIC: &str = "status_matches_diagnostic";

/// Adds the consistency signals; returns whether the From domain is aligned with the
/// infrastructure that sent the notice (`None` when there was nothing to compare).
pub(super) fn check(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) -> Option<bool> {
    let aligned = sender_alignment(evidence, signals);
    recipient_matches(evidence, signals);
    status_matches(evidence, signals);
    aligned
}

/// The hosts that vouch for the notice's origin: its Reporting-MTA, the hosts its Received
/// headers name (the hop it arrived from and the servers that handled it), its DKIM signers.
fn infrastructure(evidence: &Evidence<'_, '_, '_>) -> Vec<(&'static str, String)> {
    let message = evidence.mail.message;
    let mut hosts = Vec::new();
    if let Some(mta) = evidence.report.reporting_mta.as_deref() {
        hosts.push(("Reporting-MTA", mta.to_string()));
    }
    for (index, received) in message.header_raw_all("Received").into_iter().enumerate() {
        let words: Vec<&str> = received.split_whitespace().collect();
        for pair in words.windows(2) {
            let clause = pair[0].to_ascii_lowercase();
            // The top header's `from` is the hop the notice arrived from; every `by` is a
            // server that handled it.
            if ((clause == "from" && index == 0) || clause == "by") && is_public_name(pair[1]) {
                hosts.push(("Received", pair[1].to_string()));
            }
        }
    }
    for signature in message.header_raw_all("DKIM-Signature") {
        if let Some(domain) = dkim_domain(signature) {
            hosts.push(("DKIM d=", domain));
        }
    }
    hosts
}

/// True for a host name that can name an organisation: a dotted name, not an address, a
/// private or loopback address literal, or a `localhost`/`localdomain` name.
fn is_public_name(host: &str) -> bool {
    let host = clean_host(host);
    if host.contains('@') || !host.contains('.') {
        return false;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            !(ip.is_private() || ip.is_loopback() || ip.is_link_local())
        }
        Ok(std::net::IpAddr::V6(ip)) => !ip.is_loopback(),
        Err(_) => {
            !host.ends_with(".localdomain")
                && !host.ends_with(".local")
                && !host.ends_with(".internal")
        }
    }
}

/// The `d=` tag of a DKIM-Signature.
fn dkim_domain(signature: &str) -> Option<String> {
    signature.split(';').find_map(|tag| {
        let (name, value) = tag.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("d")).then(|| value.trim().to_ascii_lowercase())
    })
}

fn sender_alignment(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) -> Option<bool> {
    let from_domain = evidence.report.from.as_deref().and_then(domain_of)?;
    let hosts = infrastructure(evidence);
    if hosts.is_empty() {
        signals.push(
            SENDER_ALIGNMENT,
            SignalOutcome::Neutral,
            0,
            format!("{from_domain}: nothing to compare"),
        );
        return None;
    }
    match hosts
        .iter()
        .find(|(_, host)| same_organisation(&from_domain, host))
    {
        Some((source, host)) => {
            signals.push(
                SENDER_ALIGNMENT,
                SignalOutcome::Pass,
                1,
                format!("{from_domain} ~ {source} {host}"),
            );
            Some(true)
        }
        None => {
            let seen: Vec<String> = hosts
                .iter()
                .take(3)
                .map(|(s, h)| format!("{s} {h}"))
                .collect();
            signals.push(
                SENDER_ALIGNMENT,
                SignalOutcome::Fail,
                1,
                format!("{from_domain} matches none of: {}", seen.join(", ")),
            );
            Some(false)
        }
    }
}

fn recipient_matches(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) {
    let Some(original) = evidence.report.original.as_ref() else {
        return;
    };
    let failed: Vec<&str> = evidence
        .report
        .bounces
        .iter()
        .flat_map(|b| [b.recipient.as_deref(), b.original_recipient.as_deref()])
        .flatten()
        .collect();
    if original.to.is_empty() || failed.is_empty() {
        return;
    }
    let matched = failed
        .iter()
        .find(|r| original.to.iter().any(|to| to.eq_ignore_ascii_case(r)));
    match matched {
        Some(r) => signals.push(
            RECIPIENT_MATCHES_ORIGINAL,
            SignalOutcome::Pass,
            1,
            r.to_string(),
        ),
        // Aliases, forwarding and Bcc make a mismatch common in real notices: it informs only.
        None => signals.push(
            RECIPIENT_MATCHES_ORIGINAL,
            SignalOutcome::Neutral,
            0,
            format!(
                "{} not in To: {}",
                failed.join(", "),
                original.to.join(", ")
            ),
        ),
    }
}

fn status_matches(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) {
    let mut compared = false;
    for bounce in &evidence.report.bounces {
        let (Some(status), Some(code)) = (bounce.status, bounce.reply_code) else {
            continue;
        };
        compared = true;
        if u16::from(status.class().digit()) != code / 100 {
            signals.push(
                STATUS_MATCHES_DIAGNOSTIC,
                SignalOutcome::Fail,
                1,
                format!("Status {status} with reply {code}"),
            );
            return;
        }
    }
    if compared {
        signals.push(
            STATUS_MATCHES_DIAGNOSTIC,
            SignalOutcome::Pass,
            0,
            "agree".into(),
        );
    }
}
