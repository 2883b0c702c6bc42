//! The pipeline, stage by stage: parse, render, build a site, filter the listing.
//!
//! ```text
//! cargo bench --bench pipeline              # everything, about 4 minutes
//! cargo bench --bench pipeline -- search    # one group
//! ```
//!
//! Roles come from the same generator as `examples/gen_roles.rs` (included
//! below), so the figures match the load test's catalogues. Every group that
//! grows with the catalogue reports elements (roles) per second, so a flat
//! rate means a flat cost per role. Two reference measurements run in the same
//! process so that figures can be quoted as ratios on any machine:
//! `reference/push_html` (pulldown-cmark rendering the same Markdown, no
//! parsing into types, no templates) and `reference/memcpy_page` (copying the
//! bytes of the rendered page).
//!
//! Cache misses are timed as well as hits: `search_10000/miss/*` and
//! `listing_miss/*` ask for a key the listing cache has not seen (see
//! `FreshQueries`); `phase_*` split a miss into matching and compressing.
//! A miss answers once its page is rendered; `Site::listing` then compresses
//! the page in the background (at most 32 pending), so on this 2-core machine
//! the timed loop shares the cores with that compression, as a server would.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use careers::role::Role;
use careers::role::load::from_sources;
use careers::site::listing::search::SearchIndex;
use careers::site::listing::{ListingCache, ListingQuery, PAGE_SIZE};
use careers::site::page::{CachePolicy, Page};
use careers::site::{HTML, PageKind, Settings, Site};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use jiff::civil::Date;

#[path = "../examples/gen_roles.rs"]
#[allow(dead_code)] // `main` and helpers only the example uses.
mod gen_roles;

const SEED: u64 = gen_roles::DEFAULT_SEED;
const SIZES: [usize; 3] = [10, 1_000, 10_000];

/// A fixed "today", so closing dates give the same listing on every run.
fn today() -> Date {
    jiff::civil::date(2026, 11, 23)
}

fn sources(n: usize) -> Vec<(PathBuf, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let (name, text) = gen_roles::role_file(SEED, i);
            (PathBuf::from("roles").join(name), text.into_bytes())
        })
        .collect()
}

fn roles(n: usize) -> Vec<Role> {
    let catalogue = from_sources(sources(n));
    assert_eq!(catalogue.roles.len(), n, "every generated role should load");
    catalogue
        .roles
        .into_iter()
        .map(std::sync::Arc::unwrap_or_clone)
        .collect()
}

fn site(roles: Vec<Role>) -> Site {
    match Site::build(roles, &Settings::default(), today()) {
        Ok(site) => site,
        Err(e) => panic!("site failed to build: {e}"),
    }
}

/// A role near the median size of the catalogue, for per-role figures.
fn typical_role() -> (String, String) {
    let mut all: Vec<(String, String)> = (0..101).map(|i| gen_roles::role_file(SEED, i)).collect();
    all.sort_by_key(|(_, text)| text.len());
    all.swap_remove(50)
}

fn parse_and_reference(c: &mut Criterion) {
    let (name, text) = typical_role();
    let path = Path::new("roles").join(&name);
    let body = text.split_once("\n---\n").map_or(text.as_str(), |(_, b)| b);

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("one_role", |b| {
        b.iter(|| careers::role::parse(black_box(&path), black_box(&text)));
    });
    g.finish();

    let one = roles_from(&path, &text);
    let built = site(vec![one.clone()]);
    let page = built
        .pages()
        .find(|(p, _)| p.starts_with("/roles/") && !p.ends_with(".json"))
        .map(|(_, page)| page.identity.body.clone())
        .unwrap_or_default();

    let mut g = c.benchmark_group("reference");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("push_html", |b| {
        let options = careers::role::parse::markdown_options();
        b.iter(|| {
            let parser = pulldown_cmark::Parser::new_ext(black_box(body), options);
            let mut html = String::with_capacity(body.len() * 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            html
        });
    });
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("memcpy_page", |b| {
        b.iter(|| black_box(&page[..]).to_vec());
    });
    g.finish();

    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Elements(1));
    // A whole site around one role: role page, its JSON, the listing, the
    // 404 page and the assets' fingerprints.
    g.bench_function("site_of_one_role", |b| {
        b.iter_batched(|| vec![one.clone()], site, BatchSize::SmallInput);
    });
    // Compressing one role page (gzip 6 + brotli 5), as startup does in the
    // background for every page.
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("compress_role_page", |b| {
        b.iter_batched(
            || {
                Page::new(
                    PageKind::Listing,
                    HTML,
                    CachePolicy::Revalidate,
                    page.clone(),
                )
            },
            |p| {
                p.compress();
                p
            },
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn roles_from(path: &Path, text: &str) -> Role {
    match careers::role::parse(path, text).role {
        Some(role) => role,
        None => panic!("{} did not parse", path.display()),
    }
}

/// Load (parse every file) and build (render every page) per catalogue size:
/// together they are `serve`'s startup before the first response.
fn catalogue_sizes(c: &mut Criterion) {
    let mut g = c.benchmark_group("catalogue");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    for n in SIZES {
        let files = sources(n);
        let parsed = roles(n);
        g.throughput(Throughput::Elements(n as u64));
        g.measurement_time(if n >= 10_000 {
            Duration::from_secs(20)
        } else {
            Duration::from_secs(4)
        });
        g.bench_with_input(BenchmarkId::new("load", n), &files, |b, files| {
            b.iter_batched(|| files.clone(), from_sources, BatchSize::LargeInput);
        });
        g.bench_with_input(BenchmarkId::new("site_build", n), &parsed, |b, parsed| {
            b.iter_batched(|| parsed.clone(), site, BatchSize::LargeInput);
        });
    }
    g.finish();
}

/// A filtered listing rendered on a cache miss, per catalogue size.
fn listing_sizes(c: &mut Criterion) {
    let mut g = c.benchmark_group("listing_miss");
    g.sample_size(10);
    for n in SIZES {
        let all = roles(n);
        let query = ListingQuery {
            q: "experience".into(),
            ..ListingQuery::default()
        };
        let mut fresh = FreshQueries::new(&all, query);
        let built = site(all);
        let cache = ListingCache::new();
        g.throughput(Throughput::Elements(n as u64));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| listing(&cache, &built, &fresh.next()));
        });
    }
    g.finish();
}

/// The same search under keys the listing cache has never seen, so every
/// lookup is a miss that does the whole search and render (and queues
/// background compression).
///
/// The key cycles through the result's pages (each a full page of rows but
/// the last) and the letter case of `q` (the match ignores case; the cache key
/// does not). A cycle is longer than twice the LRU's 512 entries, so a key is
/// always evicted before it comes round again.
struct FreshQueries {
    base: ListingQuery,
    pages: u64,
    letters: Vec<usize>,
    k: u64,
}

impl FreshQueries {
    fn new(all: &[Role], base: ListingQuery) -> FreshQueries {
        let listed: Vec<&Role> = all.iter().filter(|r| r.is_listed(today())).collect();
        let matches = SearchIndex::new(&listed).matches(&base).len();
        let pages = matches.div_ceil(PAGE_SIZE).max(1) as u64;
        let letters: Vec<usize> = base
            .q
            .char_indices()
            .filter(|(_, c)| c.is_ascii_lowercase())
            .map(|(i, _)| i)
            .take(20)
            .collect();
        assert!(
            pages << letters.len() >= 1024,
            "`{}` gives too few distinct keys to always miss",
            base.q
        );
        FreshQueries {
            base,
            pages,
            letters,
            k: 0,
        }
    }

    fn next(&mut self) -> ListingQuery {
        let k = self.k;
        self.k += 1;
        let page = k % self.pages + 1;
        let variant = (k / self.pages) % (1 << self.letters.len());
        let mut q = self.base.q.clone().into_bytes();
        for (bit, &at) in self.letters.iter().enumerate() {
            if variant >> bit & 1 == 1 {
                q[at] = q[at].to_ascii_uppercase();
            }
        }
        ListingQuery {
            q: String::from_utf8(q).unwrap_or_default(),
            page: page.to_string(),
            ..self.base.clone()
        }
    }
}

/// Search over 10,000 roles: miss, hit, and the phases of a miss.
fn search(c: &mut Criterion) {
    let n = 10_000;
    let all = roles(n);
    let built = site(all.clone());
    let cache = ListingCache::new();
    let mut g = c.benchmark_group("search_10000");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));

    // Common, rare and absent words; a salary filter reads each role's bands.
    let searches = [
        ("engineer", ""),
        ("data engineer", ""),
        ("rust kubernetes", ""),
        ("zzz-no-match", ""),
        ("engineer", "40000"),
    ];
    for (q, min_salary) in searches {
        let query = ListingQuery {
            q: q.into(),
            min_salary: min_salary.into(),
            ..ListingQuery::default()
        };
        let mut fresh = FreshQueries::new(&all, query);
        let name = if min_salary.is_empty() {
            q.to_owned()
        } else {
            format!("{q}&min_salary={min_salary}")
        };
        g.bench_function(BenchmarkId::new("miss", name), |b| {
            b.iter(|| listing(&cache, &built, &fresh.next()));
        });
    }
    let hit = ListingQuery {
        q: "data".into(),
        level: vec!["Senior".into()],
        ..ListingQuery::default()
    };
    listing(&cache, &built, &hit);
    g.bench_function("hit", |b| {
        b.iter(|| listing(&cache, &built, black_box(&hit)))
    });

    // Phases of a miss: matching alone (roles/s) over the listed roles, as the
    // site indexes them, and compressing the page it renders (gzip 6 + brotli 5,
    // which `Site::listing` queues in the background after answering).
    let refs: Vec<&Role> = all.iter().filter(|r| r.is_listed(today())).collect();
    let index = SearchIndex::new(&refs);
    let mut bodies = Vec::new();
    for q in ["engineer", "zzz-no-match"] {
        let query = ListingQuery {
            q: q.into(),
            ..ListingQuery::default()
        };
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("phase_match_only", q), |b| {
            b.iter(|| index.matches(black_box(&query)));
        });
        let body = listing(&cache, &built, &query).identity.body.clone();
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_function(BenchmarkId::new("phase_compress_page", q), |b| {
            b.iter_batched(
                || {
                    Page::new(
                        PageKind::Listing,
                        HTML,
                        CachePolicy::Revalidate,
                        body.clone(),
                    )
                },
                |p| {
                    p.compress();
                    p
                },
                BatchSize::SmallInput,
            );
        });
        bodies.push(body);
    }
    // The "engineer" page again, copied: the floor for handing out its bytes.
    g.throughput(Throughput::Bytes(bodies[0].len() as u64));
    g.bench_function("reference_memcpy_page", |b| {
        b.iter(|| black_box(&bodies[0][..]).to_vec());
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    parse_and_reference(&mut c);
    catalogue_sizes(&mut c);
    listing_sizes(&mut c);
    search(&mut c);
    c.final_summary();
}

/// One listing through the cache, as the server asks for it.
fn listing(cache: &ListingCache, site: &Site, query: &ListingQuery) -> std::sync::Arc<Page> {
    match cache.listing(site, query) {
        Ok(page) => page,
        Err(e) => panic!("listing failed to render: {e}"),
    }
}
