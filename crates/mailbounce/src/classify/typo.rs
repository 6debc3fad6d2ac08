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
    // One buffer for every comparison.
    let mut rows = Vec::new();
    DOMAINS
        .iter()
        .filter(|known| known.len().abs_diff(domain.len()) <= allowed)
        // A slip of one or two keys rarely changes both ends of a domain: a cheap first cut.
        .filter(|known| {
            known.as_bytes().first() == domain.as_bytes().first()
                || known.as_bytes().last() == domain.as_bytes().last()
        })
        .filter_map(|known| {
            let distance = edit_distance(domain.as_bytes(), known.as_bytes(), allowed, &mut rows)?;
            Some((distance, *known))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

/// The edit distance with adjacent transpositions counted as one edit (optimal string
/// alignment), so `gmial` is one edit from `gmail`; `None` as soon as it must exceed `limit`.
///
/// Only cells within `limit` of the diagonal are worked out: the others are more than `limit`
/// anyway, and stand at `limit + 1`, which leaves every distance up to `limit` exact. Three
/// rows are kept (a transposition looks two rows back), in `rows`.
fn edit_distance(a: &[u8], b: &[u8], limit: usize, rows: &mut Vec<usize>) -> Option<usize> {
    let far = limit + 1;
    let width = b.len() + 1;
    rows.clear();
    rows.resize(3 * width, far);
    let start = |i: usize| (i % 3) * width;
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j.min(far);
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (start(i), start(i - 1), start(i + 1));
        rows[cur..cur + width].fill(far);
        rows[cur] = i.min(far);
        for j in i.saturating_sub(limit).max(1)..=(i + limit).min(b.len()) {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = best.min(far);
        }
        // Distances never shrink from one row to the next, so a row above the limit ends it.
        if rows[cur..cur + width].iter().all(|&d| d > limit) {
            return None;
        }
    }
    Some(rows[start(a.len()) + b.len()]).filter(|&d| d <= limit)
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

    fn distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
        edit_distance(a, b, limit, &mut Vec::new())
    }

    #[test]
    fn counts_transpositions_as_one_edit() {
        assert_eq!(distance(b"gmial", b"gmail", 2), Some(1));
        assert_eq!(distance(b"", b"abc", 3), Some(3));
        assert_eq!(distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(distance(b"kitten", b"sitting", 2), None);
    }

    #[test]
    fn the_band_gives_the_full_tables_answer() {
        // The whole table, as it was worked out before the band.
        fn full(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
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
                if rows[i * width..(i + 1) * width].iter().all(|&d| d > limit) {
                    return None;
                }
            }
            Some(rows[a.len() * width + b.len()]).filter(|&d| d <= limit)
        }
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "gmail.com",
            "gmial.com",
            "gmaill.co",
            "ggmaill.co",
            "hotmail.com",
            "hotmial.com",
            "yaho.com",
            "yahoo.co.jp",
            "outlok.com",
            "gmx.at",
            "kitten",
            "sitting",
            "example.org",
            "aaaa",
            "abab",
            "baba",
        ];
        for a in words {
            for b in words {
                for limit in 0..=3 {
                    let (a, b) = (a.as_bytes(), b.as_bytes());
                    assert_eq!(
                        distance(a, b, limit),
                        full(a, b, limit),
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }
}
