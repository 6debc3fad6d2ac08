//! Lures: what fake notices carry and real ones do not — links outside known help domains,
//! calls to action, held-message bait, threats, HTML-only bodies, risky attachments, login
//! forms, and display names that impersonate a mail system from an unrelated domain.

use super::domains::{is_help_domain, same_organisation};
use super::phrases::{Category, find_lures};
use super::structure::is_system_account;
use super::{Evidence, Signals};
use crate::model::{NoticeKind, SignalOutcome};

/// A link to a host outside the known help domains and the notice's own servers.
pub(crate) const LINK: &str = "lure_link";
/// "Click here", "release your messages", "sign in", …
pub(crate) const CALL_TO_ACTION: &str = "call_to_action";
/// "You have pending messages", "messages held", …
pub(crate) const HELD_MESSAGES: &str = "held_messages";
/// "Will be deleted", "within 24 hours", …
pub(crate) const URGENCY: &str = "urgency";
/// Quota wording beside another lure.
pub(crate) const QUOTA_THREAT: &str = "quota_threat";
/// An HTML body with no plain-text twin and no delivery-status part.
pub(crate) const HTML_ONLY: &str = "html_only";
/// An attachment other than a report part (`.html`, `.zip`, executables, …).
pub(crate) const ATTACHMENT: &str = "risky_attachment";
/// An HTML form or password field.
pub(crate) const HTML_FORM: &str = "html_form";
/// A mail system's display name on an unrelated sender.
pub(crate) const DISPLAY_NAME: &str = "impersonating_display_name";

/// File name endings of attachments no notice sends.
const RISKY_EXTENSIONS: [&str; 22] = [
    ".html", ".htm", ".shtml", ".xhtml", ".svg", ".zip", ".rar", ".7z", ".gz", ".iso", ".img",
    ".exe", ".scr", ".com", ".bat", ".cmd", ".js", ".vbs", ".hta", ".lnk", ".jar", ".msi",
];

/// Adds the lure signals; returns whether the message poses as a mail system's notice (by its
/// display name or its bait), whatever the parser made of it.
pub(super) fn check(
    evidence: &Evidence<'_, '_, '_>,
    aligned: Option<bool>,
    signals: &mut Signals,
) -> bool {
    let mail = evidence.mail;
    let subject = mail.message.header_text("Subject").unwrap_or_default();
    let text = format!("{subject}\n{}", mail.notice_text());
    let found = find_lures(&text);
    let has = |category| found.iter().find(|l| l.category == category);
    let (html_parts, has_plain, has_report) = body_shape(evidence);
    let linked = links(evidence, &html_parts, signals);
    // Real notices say "click here" too (to resend); a call to act weighs fully only when the
    // notice carries a link that leads away from known help pages.
    let action_weight = if linked { 2 } else { 1 };
    for (name, category, weight) in [
        (CALL_TO_ACTION, Category::Action, action_weight),
        (HELD_MESSAGES, Category::Held, 2),
        (URGENCY, Category::Urgency, 2),
    ] {
        if let Some(lure) = has(category) {
            signals.push(name, SignalOutcome::Fail, weight, lure.phrase.clone());
        }
    }
    let other_lure = [Category::Action, Category::Held, Category::Urgency]
        .iter()
        .any(|&c| has(c).is_some());
    if let Some(lure) = has(Category::Quota) {
        let outcome = if other_lure {
            SignalOutcome::Fail
        } else {
            SignalOutcome::Neutral
        };
        signals.push(QUOTA_THREAT, outcome, 1, lure.phrase.clone());
    }

    if !html_parts.is_empty() && !has_plain && !has_report {
        signals.push(HTML_ONLY, SignalOutcome::Fail, 1, "text/html only".into());
    }
    if let Some(form) = html_parts.iter().find_map(|html| login_form(html)) {
        signals.push(HTML_FORM, SignalOutcome::Fail, 3, form.into());
    }
    attachments(evidence, signals);
    let impersonates = display_name(evidence, aligned, signals);
    impersonates || has(Category::Held).is_some() || mail.is_from_mail_system()
}

/// The raw HTML of the notice's own HTML parts, whether it has a plain-text part, and whether
/// it has a delivery-status part.
fn body_shape(evidence: &Evidence<'_, '_, '_>) -> (Vec<String>, bool, bool) {
    let mut html = Vec::new();
    let (mut plain, mut report) = (false, false);
    for part in evidence.mail.message.parts() {
        let content_type = part.content_type();
        match content_type {
            "text/html" => html.push(part.text().into_owned()),
            "text/plain" => plain = true,
            t if t.ends_with("delivery-status") => report = true,
            _ => {}
        }
    }
    (html, plain, report)
}

/// `<form` or a password field in HTML.
fn login_form(html: &str) -> Option<&'static str> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("type=\"password\"") || lower.contains("type=password") {
        Some("password field")
    } else if lower.contains("<form") {
        Some("<form>")
    } else {
        None
    }
}

/// Links in the notice's words and HTML whose host is neither a known help domain nor one of
/// the notice's own servers; true when there was one.
fn links(evidence: &Evidence<'_, '_, '_>, html_parts: &[String], signals: &mut Signals) -> bool {
    let own = evidence.report.reporting_mta.as_deref();
    let foreign = |host: &str| {
        !host.is_empty()
            && !is_help_domain(host)
            && !own.is_some_and(|o| same_organisation(o, host))
    };
    let mut found: Vec<String> = Vec::new();
    let mut in_html = false;
    for host in hosts_in(evidence.mail.notice_text()) {
        if foreign(&host) && !found.contains(&host) {
            found.push(host);
        }
    }
    for html in html_parts {
        for host in href_hosts(html) {
            if foreign(&host) {
                in_html = true;
                if !found.contains(&host) {
                    found.push(host);
                }
            }
        }
    }
    if found.is_empty() {
        return false;
    }
    found.truncate(3);
    let mut found_text = found.join(", ");
    if in_html {
        found_text.push_str(" (in an HTML link)");
    }
    // Auto-replies carry people's signatures and links; they are not bait.
    let outcome = if evidence.report.notice == NoticeKind::AutoReply {
        SignalOutcome::Neutral
    } else {
        SignalOutcome::Fail
    };
    signals.push(LINK, outcome, 1, found_text);
    outcome == SignalOutcome::Fail
}

/// The hosts of the `http://` and `https://` links in a text, lowercase, in one pass.
pub(crate) fn hosts_in(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut hosts = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("http") {
        rest = rest.get(at..).unwrap_or_default();
        match link_host(rest) {
            Some((host, after)) => {
                hosts.extend(host);
                rest = after;
            }
            None => rest = rest.get(4..).unwrap_or_default(),
        }
    }
    hosts
}

/// The hosts of the links an HTML text's `href` attributes point to (images, style sheets and
/// document type declarations are not links a reader follows).
pub(crate) fn href_hosts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hosts = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("href") {
        rest = rest.get(at + 4..).unwrap_or_default();
        let value =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '=' | '"' | '\''));
        if let Some((host, after)) = link_host(value) {
            hosts.extend(host);
            rest = after;
        }
    }
    hosts
}

/// Reads `http://host…` or `https://host…` at the start of `text`: the host (when there is
/// one) and the text after it. `None` when `text` does not start with a link.
fn link_host(text: &str) -> Option<(Option<String>, &str)> {
    let after = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let end = after
        .find(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '/' | '?' | '#' | '"' | '\'' | '<' | '>' | ')' | ']' | '\\'
                )
        })
        .unwrap_or(after.len());
    let authority = after.get(..end).unwrap_or_default();
    // `https://help.example@evil.example/` goes to evil.example.
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    let host = (!host.is_empty()).then(|| host.to_string());
    Some((host, after.get(end..).unwrap_or_default()))
}

/// Attachments no notice sends: web pages, archives, disk images, scripts, executables.
fn attachments(evidence: &Evidence<'_, '_, '_>, signals: &mut Signals) {
    for part in evidence.mail.message.parts() {
        if part.message().is_some() {
            continue;
        }
        let Some(name) = part.file_name() else {
            continue;
        };
        let lower = name
            .trim()
            .trim_end_matches(['"', '.'])
            .to_ascii_lowercase();
        if RISKY_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
            signals.push(ATTACHMENT, SignalOutcome::Fail, 3, name.to_string());
            return;
        }
    }
}

/// A display name that a mail system or its vendor uses, on a sender that is neither a system
/// account nor aligned with the servers that wrote the notice.
fn display_name(
    evidence: &Evidence<'_, '_, '_>,
    aligned: Option<bool>,
    signals: &mut Signals,
) -> bool {
    let Some(name) = evidence.mail.message.display_name("From") else {
        return false;
    };
    let Some(lure) = find_lures(&name)
        .into_iter()
        .find(|l| l.category == Category::Sender)
    else {
        return false;
    };
    let from = evidence.report.from.as_deref().unwrap_or_default();
    // A mail system's name on a mail system's account (or on the empty address some servers
    // write) is what real notices show; on another account it impersonates one — all the more
    // when the domain is unrelated to the servers that wrote the notice.
    let unrelated = !from.is_empty() && !is_system_account(from);
    if unrelated {
        let weight = if aligned == Some(true) { 1 } else { 2 };
        signals.push(
            DISPLAY_NAME,
            SignalOutcome::Fail,
            weight,
            format!("{name} <{from}> ({})", lure.phrase),
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_link_hosts() {
        let text =
            "see HTTPS://Help.Example.org/x and http://user@evil.example:8080/?a <http://a.b>";
        assert_eq!(hosts_in(text), ["help.example.org", "evil.example", "a.b"]);
        assert!(hosts_in("http https:/ httpx").is_empty());
    }

    #[test]
    fn finds_login_forms() {
        assert_eq!(login_form("<FORM action=x>"), Some("<form>"));
        assert_eq!(
            login_form("<input type=\"password\">"),
            Some("password field")
        );
        assert_eq!(login_form("<p>hello</p>"), None);
    }
}
