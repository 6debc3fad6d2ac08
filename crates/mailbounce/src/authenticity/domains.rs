//! Domain names: the organisation a host belongs to, and the help domains of `help_domains.txt`.

use std::sync::LazyLock;

/// The data: one organisation per line, its domains separated by white space.
const HELP_DOMAINS: &str = include_str!("help_domains.txt");

/// Second-level labels under which a country's registry hands out names (`example.co.uk`).
const SHARED_SECOND_LEVELS: [&str; 14] = [
    "co", "com", "net", "org", "ne", "or", "ac", "go", "gov", "edu", "ad", "gr", "lg", "ed",
];

/// The organisations: each a list of registrable domains, lowercase.
static ORGANISATIONS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    HELP_DOMAINS
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split_whitespace().collect())
        .collect()
});

/// A host name cleaned up: lowercase, without brackets, trailing dots or a port.
pub(crate) fn clean_host(host: &str) -> String {
    let host = host
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '<' | '>' | '(' | ')' | '"' | '\''))
        .trim_end_matches('.');
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.contains(':') => {
            name
        }
        _ => host,
    };
    host.to_ascii_lowercase()
}

/// The domain part of an address, cleaned.
pub(crate) fn domain_of(address: &str) -> Option<String> {
    let (_, domain) = address.rsplit_once('@')?;
    let domain = clean_host(domain);
    (!domain.is_empty()).then_some(domain)
}

/// The registrable domain a host belongs to (`mx1.mail.example.co.uk` → `example.co.uk`); an
/// address literal or a one-label name stands for itself.
pub(crate) fn organisation(host: &str) -> String {
    let host = clean_host(host);
    if host.parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = match labels.as_slice() {
        [.., second, tld] if tld.len() == 2 && SHARED_SECOND_LEVELS.contains(second) => 3,
        _ => 2,
    };
    let start = labels.len().saturating_sub(keep);
    labels.get(start..).unwrap_or_default().join(".")
}

/// The index of the known organisation a host belongs to.
fn known_organisation(host: &str) -> Option<usize> {
    let org = organisation(host);
    ORGANISATIONS
        .iter()
        .position(|domains| domains.contains(&org.as_str()))
}

/// True when two hosts belong to the same organisation (the same registrable domain, or two
/// domains of one known provider).
pub(crate) fn same_organisation(a: &str, b: &str) -> bool {
    let (oa, ob) = (organisation(a), organisation(b));
    if oa.is_empty() || ob.is_empty() {
        return false;
    }
    oa == ob || known_organisation(a).is_some_and(|i| known_organisation(b) == Some(i))
}

/// True when a link to this host is one a real notice may carry.
pub(crate) fn is_help_domain(host: &str) -> bool {
    known_organisation(host).is_some()
}

/// True when `host` is `domain` or one of its subdomains.
pub(crate) fn within(host: &str, domain: &str) -> bool {
    let host = clean_host(host);
    let domain = clean_host(domain);
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(&domain)
                .is_some_and(|head| head.ends_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_registrable_domain() {
        assert_eq!(organisation("mx1.mail.Example.ORG."), "example.org");
        assert_eq!(organisation("smtp.example.co.uk"), "example.co.uk");
        assert_eq!(organisation("mta.example.ne.jp"), "example.ne.jp");
        assert_eq!(organisation("[192.0.2.1]"), "192.0.2.1");
        assert_eq!(organisation("localhost"), "localhost");
    }

    #[test]
    fn knows_provider_families() {
        assert!(same_organisation("mx.google.com", "googlemail.com"));
        assert!(same_organisation("a.b.example.org", "example.org"));
        assert!(!same_organisation("example.org", "example.net"));
        assert!(is_help_domain("support.google.com"));
        assert!(!is_help_domain("google.com.evil.example"));
    }

    #[test]
    fn within_means_subdomain() {
        assert!(within("mail.example.com", "example.com"));
        assert!(within("EXAMPLE.com", "example.com"));
        assert!(!within("badexample.com", "example.com"));
    }
}
