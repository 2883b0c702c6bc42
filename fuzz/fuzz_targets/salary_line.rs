//! Arbitrary text as a salary line: never a panic, never an inverted band.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    for band in careers::role::salary::parse_line(line).bands {
        assert!(band.max().is_none_or(|max| max >= band.min()));
    }
});
