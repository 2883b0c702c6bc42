//! Times the listing's "Did you mean ...?" suggestion against an exact search
//! over the same index, in the same run, and prints the ratio.
//!
//! ```text
//! cargo run --release --example gen_roles -- 10000 /tmp/roles-10k
//! cargo run --release --example suggest_timing -- /tmp/roles-10k
//! ```
//!
//! Each round searches a misspelt word (which finds nothing, then asks for
//! the suggestion, which itself checks that the corrected search finds roles)
//! and the correctly spelt word (an exact search that finds roles).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use careers::role::model::Role;
use careers::site::listing::ListingQuery;
use careers::site::search::SearchIndex;

/// Misspelt words and what they should become.
const TYPOS: [(&str, &str); 5] = [
    ("engneer", "engineer"),
    ("desginer", "designer"),
    ("platfrom", "platform"),
    ("analsyt", "analyst"),
    ("managr", "manager"),
];

fn query(q: &str) -> ListingQuery {
    ListingQuery {
        q: q.to_owned(),
        ..ListingQuery::default()
    }
}

/// The mean time of one call of `f` over `rounds` calls.
fn mean(rounds: u32, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut total = 0;
    let started = Instant::now();
    for _ in 0..rounds {
        total += f();
    }
    (started.elapsed() / rounds, total)
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("roles"), PathBuf::from);
    let catalogue = careers::role::load(&dir)?;
    let roles: Vec<&Role> = catalogue.roles.iter().map(|r| &**r).collect();
    let index = SearchIndex::new(&roles);
    for (typo, word) in TYPOS {
        let suggested = index.suggest(&query(typo)).map(|s| s.q);
        anyhow::ensure!(
            suggested.as_deref() == Some(word),
            "{typo}: suggested {suggested:?}, expected {word}"
        );
    }
    let rounds = 200;
    let suggest = || {
        TYPOS
            .iter()
            .map(|(typo, _)| {
                let q = query(typo);
                index.matches(&q).len() + index.suggest(&q).map_or(0, |s| s.q.len())
            })
            .sum()
    };
    let exact = || {
        TYPOS
            .iter()
            .map(|(_, word)| index.matches(&query(word)).len())
            .sum()
    };
    // Warm up, then alternate so both see the same machine.
    mean(20, suggest);
    mean(20, exact);
    let (mut s_total, mut e_total) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..3 {
        s_total += mean(rounds, suggest).0;
        e_total += mean(rounds, exact).0;
    }
    let per = |d: Duration| d / (3 * TYPOS.len() as u32);
    println!(
        "{} roles: misspelt search + suggestion {:?}, exact search {:?}, ratio {:.2}",
        roles.len(),
        per(s_total),
        per(e_total),
        s_total.as_secs_f64() / e_total.as_secs_f64()
    );
    Ok(())
}
