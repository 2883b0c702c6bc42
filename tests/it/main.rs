//! The integration suite: one crate, one module per area. See tests/README.md.

/// What candidates ask of the listing: suggestions, feeds, sorting, fair filters.
mod candidates;
/// `careers check` output over fixture folders.
mod check;
/// The real binary: exit codes and stderr of `check` and `build`.
mod cli;
/// Closing dates judged by an injected clock.
mod closing;
/// Every line of every role file's text reaches its page (issue 27).
mod conservation;
/// `careers diff`: the real binary on two readings of a fixture folder.
mod diff;
/// Who can apply from where (issue 31, item 5): key facts, the `?from=`
/// filter, the role JSON and JSON-LD.
mod eligibility;
/// `careers build`: the export holds the bytes the server sends.
mod export;
/// `careers build --out`, run as a person does: it deletes only its own files.
mod export_folder;
/// HTTP through the real router, without a socket.
mod http;
/// The journey around a role (issue 31, item 6): "How we hire", what
/// happened to a closed role, the accessibility statement, the privacy note.
mod journey;
/// Languages (issue 31, item 9): `<html lang>`, French pages, `hreflang`.
mod languages;
/// Connection limits and shutdown, on a real loopback socket.
mod limits;
/// Operations: readiness, logs, metrics, configuration from the environment.
mod ops;
/// Career paths, comparisons and pay states (issue 21).
mod paths;
/// Pay-transparency law and fair wording in `check`.
mod paylaw;
/// `careers preview`: drafts, overlay data, last good page, share token, live edits.
mod preview;
/// Property tests: the parser never panics.
mod props;
/// Reading any generator's files: front matter forms, facts in the body, `--keep-going`.
mod reading;
/// Recruiters: previews, closed roles, structured data, feed, sitemap, apply links.
mod recruit;
/// Search and filters as candidates use them (issue #20).
mod search;
/// The bundled roles and the seed counts the project started from.
mod seeds;
/// Role folders in other generators' styles: no template tag or escaped HTML on any page.
mod styles;
/// Shared steps: building a site from a fixture, requests, reading bodies.
mod support;
/// Front matter from other site generators: kept, mapped, every problem told.
mod tolerant;
/// Every channel says what the file says: dates from git, no invented defaults.
mod truth;
