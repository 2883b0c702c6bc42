//! Arbitrary text as the body of a role file with front matter, so the
//! template pass (Liquid, ERB, shortcodes) runs on every input: never a panic,
//! and never more text than the size caps allow.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (values, body) = text.split_once('\u{0}').unwrap_or(("long", &text));
    let file = format!(
        "---\ntitle: Fuzz\nlocation: \"{}\"\nlist: [a, b]\n---\n# Fuzz\n\n{{{{ page.location }}}}\n{body}",
        values.replace(['"', '\\', '\n'], " ")
    );
    let parsed = careers::role::parse(Path::new("roles/fuzz.md"), &file);
    if let Some(role) = parsed.role {
        let text: usize = role.sections.iter().map(|s| s.body.source.len()).sum();
        // The file, plus at most 1 MiB of filled-in values.
        assert!(text <= file.len() + 1024 * 1024, "{text}");
    }
});
