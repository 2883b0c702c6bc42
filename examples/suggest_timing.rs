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
use careers::site::listing::search::SearchIndex;

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
    let miss = || {
        TYPOS
            .iter()
            .map(|(typo, _)| index.matches(&query(typo)).len())
            .sum()
    };
    let suggest = || {
        TYPOS
            .iter()
            .map(|(typo, _)| index.suggest(&query(typo)).map_or(0, |s| s.q.len()))
            .sum()
    };
    let exact = || {
        TYPOS
            .iter()
            .map(|(_, word)| index.matches(&query(word)).len())
            .sum()
    };
    // Warm up, then alternate so all three see the same machine.
    let kinds: [&dyn Fn() -> usize; 3] = [&miss, &suggest, &exact];
    for f in kinds {
        mean(20, f);
    }
    let mut totals = [Duration::ZERO; 3];
    for _ in 0..3 {
        for (total, f) in totals.iter_mut().zip(kinds) {
            *total += mean(rounds, f).0;
        }
    }
    let per = |d: Duration| d / (3 * TYPOS.len() as u32);
    let [miss_t, suggest_t, exact_t] = totals;
    println!(
        "{} roles, per word: misspelt search {:?}, its suggestion {:?}, exact search {:?}; \
         suggestion / exact = {:.2}, (misspelt search + suggestion) / exact = {:.2}",
        roles.len(),
        per(miss_t),
        per(suggest_t),
        per(exact_t),
        suggest_t.as_secs_f64() / exact_t.as_secs_f64(),
        (miss_t + suggest_t).as_secs_f64() / exact_t.as_secs_f64(),
    );
    Ok(())
}
