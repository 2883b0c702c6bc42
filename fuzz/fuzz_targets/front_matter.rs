//! Arbitrary text as front matter, so the YAML reader and its one repair
//! attempt (hand-edited YAML that does not parse) run on every input: never a
//! panic, and every diagnostic points inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let yaml = String::from_utf8_lossy(data);
    let file = format!("---\n{yaml}\n---\n# Fuzz\n\nText.\n");
    let lines = u32::try_from(file.lines().count()).unwrap_or(u32::MAX);
    let parsed = careers::role::parse(Path::new("roles/fuzz.md"), &file);
    for d in &parsed.diagnostics {
        assert!(d.line >= 1 && d.line <= lines + 1, "{d}");
    }
});
