//! Arbitrary bytes as a role file, through loading and rendering: never a panic.
#![no_main]

use std::path::PathBuf;

use careers::role::load::from_sources;
use careers::site::{Settings, Site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalogue = from_sources(vec![(PathBuf::from("roles/fuzz.md"), data.to_vec())]);
    let site = Site::build(catalogue.roles, &Settings::default(), jiff::civil::date(2026, 11, 23));
    assert!(site.is_ok());
});
