//! The parser never panics, whatever the bytes. See: issue #3.

use std::path::PathBuf;

use proptest::prelude::*;

use careers::role::load::from_sources;
use careers::site::{Settings, Site};

/// Markdown-ish text built from the pieces role files are made of.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_owned()),
        Just("## Salary\n".to_owned()),
        Just("## Expectations\n".to_owned()),
        Just("### ".to_owned()),
        Just("#".to_owned()),
        Just("- ".to_owned()),
        Just("---\n".to_owned()),
        Just("£".to_owned()),
        Just("60,00".to_owned()),
        Just("k+".to_owned()),
        Just(" - ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("<b>".to_owned()),
        Just("[x](y.md#z)".to_owned()),
        Just("```\n".to_owned()),
        Just(":".to_owned()),
        Just("(London weighting ".to_owned()),
        "[a-zA-Z0-9 ,.£€$()*_:+-]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn build(bytes: Vec<u8>) {
    let catalogue = from_sources(vec![(PathBuf::from("roles/x.md"), bytes)]);
    let site = Site::build(
        catalogue.roles,
        &Settings::default(),
        jiff::civil::date(2026, 11, 23),
    );
    assert!(site.is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        build(bytes);
    }

    #[test]
    fn arbitrary_markdown_never_panics(text in markdownish()) {
        build(text.into_bytes());
    }

    #[test]
    fn arbitrary_salary_lines_never_panic(line in "[£0-9,. kK+\\-–to()a-zA-Z:]{0,40}") {
        let read = careers::role::salary::parse_line(&line);
        for band in read.bands {
            prop_assert!(band.max().is_none_or(|max| max >= band.min()));
        }
    }
}
