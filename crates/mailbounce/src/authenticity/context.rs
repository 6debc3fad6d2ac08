//! What the user knows about their own mail, and the signals it gives: was the bounced
//! message ours?

use std::fmt;
use std::sync::Arc;

use super::domains::{domain_of, within};
use super::{Evidence, Signals};
use crate::address::find_address;
use crate::model::SignalOutcome;

/// A test that says whether a Message-ID or envelope id was sent by us.
type SentByUs = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// What the user knows about their own mail, to tell a bounce of our mail from backscatter.
///
/// Every part is optional; an empty context still gives a verdict from the message alone.
///
/// ```
/// use mailbounce::authenticity::Context;
///
/// let context = Context::new()
///     .our_domain("example.com")
///     .our_relay("smtp.example.com")
///     .message_id_domain("mail.example.com")
///     .sent_by_us(|id| id.ends_with("@mail.example.com"))
///     .verp_prefix("bounces");
/// let parser = mailbounce::Parser::new().authenticity(context);
/// # let _ = parser;
/// ```
#[derive(Clone, Default)]
pub struct Context {
    pub(crate) our_domains: Vec<String>,
    pub(crate) our_relays: Vec<String>,
    pub(crate) message_id_domains: Vec<String>,
    pub(crate) sent_by_us: Option<SentByUs>,
    pub(crate) batv: bool,
    pub(crate) verp_prefixes: Vec<String>,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("our_domains", &self.our_domains)
            .field("our_relays", &self.our_relays)
            .field("message_id_domains", &self.message_id_domains)
            .field(
                "sent_by_us",
                &self.sent_by_us.as_ref().map(|_| "<callback>"),
            )
            .field("batv", &self.batv)
            .field("verp_prefixes", &self.verp_prefixes)
            .finish()
    }
}

impl Context {
    /// An empty context: the verdict comes from the message alone.
    pub fn new() -> Self {
        Context::default()
    }

    /// Adds a domain we send from (subdomains included). Repeatable.
    pub fn our_domain(mut self, domain: impl Into<String>) -> Self {
        self.our_domains.push(domain.into().to_ascii_lowercase());
        self
    }

    /// Adds the host name of a relay our mail leaves through, as it appears in `Received`
    /// headers. Repeatable.
    pub fn our_relay(mut self, host: impl Into<String>) -> Self {
        self.our_relays.push(host.into().to_ascii_lowercase());
        self
    }

    /// Adds the domain our Message-IDs end with (subdomains included). Repeatable; when none
    /// is given, our sending domains stand in.
    pub fn message_id_domain(mut self, domain: impl Into<String>) -> Self {
        self.message_id_domains
            .push(domain.into().to_ascii_lowercase());
        self
    }

    /// Sets a test that says whether a Message-ID (without angle brackets) or an envelope id
    /// was sent by us — a look-up in the sending log, say. Its answer outweighs the others.
    pub fn sent_by_us(mut self, test: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.sent_by_us = Some(Arc::new(test));
        self
    }

    /// Says that we sign every envelope sender with BATV (`prvs=tag=local@domain`): a bounce
    /// to an unsigned address of ours is then backscatter.
    pub fn batv(mut self, signs_everything: bool) -> Self {
        self.batv = signs_everything;
        self
    }

    /// Adds a VERP prefix: our envelope senders look like `prefix+local=domain@ours`, so the
    /// bounce's envelope recipient names the recipient that failed. Repeatable.
    pub fn verp_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.verp_prefixes.push(prefix.into().to_ascii_lowercase());
        self
    }

    /// True when the context says anything at all.
    fn is_empty(&self) -> bool {
        self.our_domains.is_empty()
            && self.our_relays.is_empty()
            && self.message_id_domains.is_empty()
            && self.sent_by_us.is_none()
            && !self.batv
            && self.verp_prefixes.is_empty()
    }

    fn is_our_domain(&self, domain: &str) -> bool {
        self.our_domains.iter().any(|d| within(domain, d))
    }

    fn is_our_message_id(&self, id: &str) -> Option<bool> {
        let (_, domain) = id.rsplit_once('@')?;
        let domains = if self.message_id_domains.is_empty() {
            &self.our_domains
        } else {
            &self.message_id_domains
        };
        if domains.is_empty() {
            return None;
        }
        Some(domains.iter().any(|d| within(domain, d)))
    }
}

/// Adds the context signals; returns how strongly they say the original was ours (positive)
/// or not (negative).
pub(super) fn check(
    context: &Context,
    evidence: &Evidence<'_, '_, '_>,
    signals: &mut Signals,
) -> i32 {
    if context.is_empty() {
        return 0;
    }
    let mut score = 0i32;
    let mut note =
        |signals: &mut Signals, name: &str, ours: Option<bool>, weight: u8, what: String| {
            let outcome = match ours {
                Some(true) => SignalOutcome::Pass,
                Some(false) => SignalOutcome::Fail,
                None => SignalOutcome::Neutral,
            };
            match ours {
                Some(true) => score += i32::from(weight),
                Some(false) => score -= i32::from(weight),
                None => {}
            }
            signals.push(name, outcome, if ours.is_some() { weight } else { 0 }, what);
        };
    let original = evidence.report.original.as_ref();

    // The callback has the last word on the ids it is shown.
    if let Some(test) = &context.sent_by_us {
        let ids: Vec<&str> = original
            .into_iter()
            .flat_map(|o| [o.message_id.as_deref(), o.envelope_id.as_deref()])
            .flatten()
            .collect();
        let ours = ids.iter().find(|id| test(id));
        match (ours, ids.first()) {
            (Some(id), _) => note(
                signals,
                "sent_by_us",
                Some(true),
                4,
                format!("{id} is ours"),
            ),
            (None, Some(id)) => note(
                signals,
                "sent_by_us",
                Some(false),
                4,
                format!("{id} is not ours"),
            ),
            (None, None) => note(signals, "sent_by_us", None, 0, "no id quoted".into()),
        }
    }

    if let Some(id) = original.and_then(|o| o.message_id.as_deref())
        && let Some(ours) = context.is_our_message_id(id)
    {
        note(
            signals,
            "original_message_id_ours",
            Some(ours),
            2,
            id.to_string(),
        );
    }

    if !context.our_domains.is_empty()
        && let Some(from) = original.and_then(|o| o.from.as_deref())
        && let Some(domain) = domain_of(from)
    {
        note(
            signals,
            "original_from_ours",
            Some(context.is_our_domain(&domain)),
            1,
            from.to_string(),
        );
    }

    if !context.our_relays.is_empty() {
        let quoted = evidence.quoted_lower();
        if let Some(relay) = context
            .our_relays
            .iter()
            .find(|r| quoted.contains(r.as_str()))
        {
            note(signals, "original_relay_ours", Some(true), 2, relay.clone());
        } else if quoted.contains("received:") {
            note(
                signals,
                "original_relay_ours",
                Some(false),
                2,
                "quoted Received headers name none of our relays".into(),
            );
        }
    }

    envelope_recipient(context, evidence, signals, &mut note);
    score
}

/// BATV and VERP: the address the bounce was delivered to says whether we sent the original.
fn envelope_recipient(
    context: &Context,
    evidence: &Evidence<'_, '_, '_>,
    signals: &mut Signals,
    note: &mut impl FnMut(&mut Signals, &str, Option<bool>, u8, String),
) {
    if !context.batv && context.verp_prefixes.is_empty() {
        return;
    }
    let message = evidence.mail.message;
    // `Delivered-To` and `X-Original-To` are not address fields to the MIME parser: read the
    // address from their text.
    let Some(address) = ["Delivered-To", "X-Original-To", "To"]
        .iter()
        .filter_map(|name| message.header_text(name))
        .filter_map(find_address)
        .find(|a| {
            context.our_domains.is_empty()
                || domain_of(a).is_some_and(|d| context.is_our_domain(&d))
        })
    else {
        return;
    };
    let Some((local, _)) = address.rsplit_once('@') else {
        return;
    };
    let local_lower = local.to_ascii_lowercase();
    if let Some(decoded) = decode_verp(&local_lower, &context.verp_prefixes) {
        let named = evidence.report.bounces.iter().any(|b| {
            [b.recipient.as_deref(), b.original_recipient.as_deref()]
                .into_iter()
                .flatten()
                .any(|r| r.eq_ignore_ascii_case(&decoded))
        });
        let outcome = (!evidence.report.bounces.is_empty()).then_some(named);
        note(
            signals,
            "verp_recipient",
            outcome,
            3,
            format!("{address} → {decoded}"),
        );
        return;
    }
    if context.batv {
        let signed = is_batv(&local_lower);
        note(signals, "batv_signed", Some(signed), 3, address);
    }
}

/// The recipient a VERP local part encodes (`bounces+bob=example.net` → `bob@example.net`).
pub(crate) fn decode_verp(local: &str, prefixes: &[String]) -> Option<String> {
    let rest = prefixes.iter().find_map(|p| {
        local
            .strip_prefix(p.as_str())
            .and_then(|r| r.strip_prefix(['+', '-']))
    })?;
    let (user, domain) = rest.rsplit_once('=')?;
    (!user.is_empty() && domain.contains('.')).then(|| format!("{user}@{domain}"))
}

/// True for a BATV-signed local part: `prvs=tag=local` (or the older `local=tag` forms
/// `btv1==…`).
pub(crate) fn is_batv(local: &str) -> bool {
    let mut pieces = local.splitn(3, '=');
    match (pieces.next(), pieces.next(), pieces.next()) {
        (Some("prvs" | "msprvs1" | "btv1"), Some(_), Some(rest)) => !rest.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_verp_and_batv() {
        let prefixes = vec!["bounces".to_string()];
        assert_eq!(
            decode_verp("bounces+bob=example.net", &prefixes).as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(decode_verp("bounces", &prefixes), None);
        assert_eq!(decode_verp("other+bob=example.net", &prefixes), None);
        assert!(is_batv("prvs=1234abcd=alice"));
        assert!(!is_batv("alice"));
        assert!(!is_batv("prvs=1234"));
    }
}
