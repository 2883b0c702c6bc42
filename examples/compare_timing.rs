//! Times one comparison on a cache miss: the bundled seed roles side by side,
//! rendered from the typed catalogue without the memo.
//!
//! `cargo run --release --example compare_timing [-- ROLES_DIR]`

use std::path::PathBuf;
use std::time::Instant;

use careers::site::pages::compare::render_uncached;
use careers::site::{PipelineOptions, Sink, build_from_dir};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("roles"), PathBuf::from);
    let build = build_from_dir(
        &dir,
        jiff::Timestamp::now(),
        Sink::Memory,
        &PipelineOptions::default(),
    )?;
    let site = build
        .site
        .ok_or_else(|| anyhow::anyhow!("no site was built"))?;
    let find = |slug: &str| site.roles().iter().find(|r| r.slug.as_str() == slug);
    let (Some(a), Some(b)) = (
        find("senior-reliability-engineer"),
        find("senior-software-engineer-2"),
    ) else {
        anyhow::bail!("the two seed roles are not in {}", dir.display());
    };
    let rounds = 2_000u32;
    let mut bytes = 0;
    for _ in 0..50 {
        bytes = render_uncached(&site, a, b)?.identity.body.len();
    }
    let started = Instant::now();
    for _ in 0..rounds {
        bytes = render_uncached(&site, a, b)?.identity.body.len();
    }
    let each = started.elapsed() / rounds;
    println!(
        "comparison of the seed roles on a cache miss: {each:?} each over {rounds} renders ({bytes} bytes)"
    );
    Ok(())
}
