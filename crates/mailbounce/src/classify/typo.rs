//! Typo help: a failed recipient whose domain is a slip of the keyboard away from a large
//! provider's domain (`gmial.com`, `hotmal.com`) gets the address it probably meant.

use std::sync::LazyLock;

/// The provider domains, one per line.
const PROVIDER_DOMAINS: &str = include_str!("provider_domains.txt");

static DOMAINS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    PROVIDER_DOMAINS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The longest domain compared; longer ones cannot be a near miss of any provider domain.
const MAX_DOMAIN: usize = 64;

/// The provider domain a (lowercase) domain is closest to, when that is one edit away (two for
/// domains of eight characters or more) and the domain is not itself a provider domain.
pub(crate) fn suggest_domain(domain: &str) -> Option<&'static str> {
    if domain.is_empty() || domain.len() > MAX_DOMAIN || DOMAINS.contains(&domain) {
        return None;
    }
    let allowed = if domain.len() >= 8 { 2 } else { 1 };
    DOMAINS
        .iter()
        .filter(|known| known.len().abs_diff(domain.len()) <= allowed)
        // A slip of one or two keys rarely changes both ends of a domain: a cheap first cut.
        .filter(|known| {
            known.as_bytes().first() == domain.as_bytes().first()
                || known.as_bytes().last() == domain.as_bytes().last()
        })
        .filter_map(|known| {
            let distance = edit_distance(domain.as_bytes(), known.as_bytes(), allowed)?;
            Some((distance, *known))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

/// The edit distance with adjacent transpositions counted as one edit (optimal string
/// alignment), so `gmial` is one edit from `gmail`; `None` as soon as it must exceed `limit`.
fn edit_distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (i, row) in rows.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
        // Distances never shrink from one row to the next, so a row above the limit ends it.
        if rows[i * width..(i + 1) * width].iter().all(|&d| d > limit) {
            return None;
        }
    }
    Some(rows[a.len() * width + b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses() {
        assert_eq!(suggest_domain("gmial.com"), Some("gmail.com"));
        assert_eq!(suggest_domain("gmail.con"), Some("gmail.com"));
        assert_eq!(suggest_domain("hotmial.com"), Some("hotmail.com"));
        assert_eq!(suggest_domain("yaho.com"), Some("yahoo.com"));
        assert_eq!(suggest_domain("outlok.com"), Some("outlook.com"));
    }

    #[test]
    fn leaves_real_and_distant_domains_alone() {
        assert_eq!(suggest_domain("gmail.com"), None);
        assert_eq!(suggest_domain("gmx.at"), None);
        assert_eq!(suggest_domain("example.org"), None);
        assert_eq!(suggest_domain("ggmaill.co"), None);
        assert_eq!(suggest_domain(""), None);
    }

    #[test]
    fn counts_transpositions_as_one_edit() {
        assert_eq!(edit_distance(b"gmial", b"gmail", 2), Some(1));
        assert_eq!(edit_distance(b"", b"abc", 3), Some(3));
        assert_eq!(edit_distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(edit_distance(b"kitten", b"sitting", 2), None);
    }
}
