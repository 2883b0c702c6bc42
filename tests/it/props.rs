//! The parser never panics, whatever the bytes, and every diagnostic points
//! inside its file. See: issue #3.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use careers::role::Diagnostic;
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
        Just("{: .lead}".to_owned()),
        Just("* TOC\n{:toc}\n".to_owned()),
        Just("[[_TOC_]]".to_owned()),
        Just("{{ page.x }}".to_owned()),
        Just("{% if page.a %}".to_owned()),
        "[a-zA-Z0-9 ,.£€$()*_:+-]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Heading words the vocabulary knows, and some it does not.
fn heading_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Salary".to_owned()),
        Just("Expectations".to_owned()),
        Just("Senior Engineer Expectations".to_owned()),
        Just("Skills and experience".to_owned()),
        Just("Desirable skills".to_owned()),
        Just("Perks".to_owned()),
        Just("Location".to_owned()),
        Just("About the role".to_owned()),
        Just("Summary".to_owned()),
        "[A-Za-z0-9 ]{0,20}",
    ]
}

/// One line of a role file's body, with its newline.
fn body_line() -> impl Strategy<Value = String> {
    let heading = (0usize..=7, any::<bool>(), heading_text()).prop_map(|(n, space, text)| {
        format!("{}{}{text}\n", "#".repeat(n), if space { " " } else { "" })
    });
    let item = (
        0usize..5,
        prop::sample::select(vec!["- ", "* ", "+ ", "1. ", "-"]),
        "[A-Za-z0-9 ,.:*_`£]{0,30}",
    )
        .prop_map(|(indent, marker, text)| format!("{}{marker}{text}\n", " ".repeat(indent)));
    let fence = (
        0usize..4,
        prop::sample::select(vec!['`', '~']),
        1usize..6,
        "[a-z` ]{0,6}",
    )
        .prop_map(|(indent, c, n, info)| {
            format!("{}{}{info}\n", " ".repeat(indent), c.to_string().repeat(n))
        });
    let salary = prop_oneof![
        Just("Salary: £40,000 - £50,000\n".to_owned()),
        Just("- London: £60,00 - £70,000\n".to_owned()),
        Just("This role has a salary of £50-65k depending on experience.\n".to_owned()),
        Just("£45k+ (London weighting £75,862 - £120,487)\n".to_owned()),
        "[£$€0-9,. kK+–-]{0,24}\n",
    ];
    let link = prop_oneof![
        Just("See [the lead](y.md#salary).\n".to_owned()),
        Just("See [a missing role](missing.md).\n".to_owned()),
        Just("[click](javascript:alert(1)) ![i](data:text/html,x)\n".to_owned()),
        Just("[web](https://a.example/b.md) <mailto:jobs@a.example>\n".to_owned()),
        "\\[[a-z ]{0,6}\\]\\([a-zA-Z0-9:/#.\t ]{0,16}\\)\n",
    ];
    prop_oneof![
        4 => heading,
        4 => item,
        2 => fence,
        2 => salary,
        1 => link,
        3 => "[A-Za-z0-9 ,.:*_`()&-]{0,40}\n",
        3 => Just("\n".to_owned()),
        1 => Just("- Location: Leeds\n- Team: Grounds\n".to_owned()),
        1 => Just("Everything else is optional:\n".to_owned()),
        1 => Just("<b>bold</b> <!-- note -->\n".to_owned()),
        1 => any::<char>().prop_map(|c| format!("{c}\n")),
    ]
}

/// One front matter line: keys we know (with good and bad values), keys we
/// do not, and YAML that cannot be read.
fn front_matter_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title: Lead Gardener\n".to_owned()),
        Just("status: draft\n".to_owned()),
        Just("status: maybe\n".to_owned()),
        Just("posted: 2027-01-01\n".to_owned()),
        Just("closes: 2026-01-01\n".to_owned()),
        Just("closes: TBD\n".to_owned()),
        Just("salary: £40,000 - £50,000\n".to_owned()),
        Just("salary:\n  - min: 5\n    max: 1\n".to_owned()),
        Just("apply_url: javascript:alert(1)\n".to_owned()),
        Just("apply_url: https://jobs.example/apply\n".to_owned()),
        Just("aliases: [old-role, 'b c', '!!']\n".to_owned()),
        Just("slug: Not A Slug\n".to_owned()),
        Just("[[[[{{\n".to_owned()),
        Just("a: &a [*a]\n".to_owned()),
        "[a-z_]{1,10}: [a-z0-9 :\\[\\]{}'\"-]{0,12}\n",
    ]
}

/// Text shaped like a role file: optional front matter (sometimes never
/// closed), then body lines, sometimes with CRLF endings or a byte-order mark.
fn role_shaped() -> impl Strategy<Value = String> {
    let front = prop::option::of((
        prop::collection::vec(front_matter_line(), 0..6),
        any::<bool>(),
    ));
    (
        any::<bool>(),
        front,
        prop::collection::vec(body_line(), 0..40),
        any::<bool>(),
    )
        .prop_map(|(bom, front, body, crlf)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if let Some((lines, closed)) = front {
                text.push_str("---\n");
                text.extend(lines);
                if closed {
                    text.push_str("---\n");
                }
            }
            text.extend(body);
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
}

/// Every diagnostic sits on a line of its file (a position just after the
/// last newline is on the line after it) and in a column from 1.
fn assert_within(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let lines = text.matches('\n').count() + 1;
    for d in diagnostics {
        prop_assert!(
            d.line >= 1 && d.line as usize <= lines && d.col >= 1,
            "{d} is outside the file's {lines} lines"
        );
    }
    Ok(())
}

/// Parses the text alone, then loads it beside a second role it may link to,
/// checking every diagnostic's position in both.
fn read_everywhere(text: &str) -> Result<(), TestCaseError> {
    let parsed = careers::role::parse(Path::new("roles/x.md"), text);
    assert_within(text, &parsed.diagnostics)?;
    let other = "# Other Role\n\nSee [x](x.md).\n";
    let catalogue = from_sources(vec![
        (PathBuf::from("roles/x.md"), text.as_bytes().to_vec()),
        (PathBuf::from("roles/y.md"), other.as_bytes().to_vec()),
    ]);
    for d in &catalogue.diagnostics {
        let source = if d.path.ends_with("y.md") {
            other
        } else {
            text
        };
        assert_within(source, std::slice::from_ref(d))?;
    }
    prop_assert_eq!(catalogue.files, 2);
    Ok(())
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
    fn arbitrary_strings_are_read_without_panics(text in any::<String>()) {
        read_everywhere(&text)?;
    }

    #[test]
    fn markdownish_diagnostics_point_inside_the_file(text in markdownish()) {
        read_everywhere(&text)?;
    }

    #[test]
    fn role_shaped_text_is_read_and_rendered(text in role_shaped()) {
        read_everywhere(&text)?;
        build(text.into_bytes());
    }

    #[test]
    fn salary_lines_in_any_currency_never_panic(
        line in "(GS-1[0-5] |Step [0-9]{1,2}:? |CA\\$|US\\$|\\$|€|£|USD |CAD |EUR )?[0-9,.]{0,9}k?( ?(CAD|USD|EUR|/hr|/yr))?( (to|-|per hour|annually|to GS-14 Step 10) )?(\\$|€|CA\\$|£)?[0-9,.]{0,9}[ a-zA-ZéİẞΣ.<>]{0,16}( the pay system cap is \\$1[0-9]{2},[0-9]{3}. )?"
    ) {
        let read = careers::role::salary::parse_line(&line);
        for band in read.bands {
            prop_assert!(band.max().is_none_or(|max| max >= band.min()));
        }
    }

    #[test]
    fn arbitrary_salary_lines_never_panic(line in "[£0-9,. kK+\\-–to()a-zA-Z:]{0,40}") {
        let read = careers::role::salary::parse_line(&line);
        for band in read.bands {
            prop_assert!(band.max().is_none_or(|max| max >= band.min()));
        }
    }
}

/// The shaped strategy reaches past the first checks: most cases give roles.
#[test]
fn role_shaped_text_mostly_gives_roles() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = role_shaped();
    let mut roles = 0;
    for _ in 0..200 {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let text = tree.current();
        if careers::role::parse(Path::new("roles/x.md"), &text)
            .role
            .is_some()
        {
            roles += 1;
        }
    }
    assert!(roles > 50, "only {roles} of 200 shaped files gave a role");
}
