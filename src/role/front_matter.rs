//! Optional YAML front matter between `---` lines at the top of a role file.
//!
//! Front matter is strict: an unknown key or a wrong type is an error that
//! points at the file line. serde_yaml stays behind [`parse`] alone, which
//! first refuses YAML too large or too deeply nested to be worth reading
//! ([`MAX_BYTES`], [`MAX_DEPTH`]).

use jiff::civil::Date;
use serde::Deserialize;

use crate::role::diagnostic::{Code, to_u32};
use crate::role::model::Status;

/// The most front matter read: real front matter is a few hundred bytes.
pub(crate) const MAX_BYTES: usize = 64 * 1024;

/// The deepest nesting read, in flow brackets or indentation levels.
pub(crate) const MAX_DEPTH: usize = 32;

/// The keys a role file may set. All are optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// Overrides the H1 title.
    pub(crate) title: Option<String>,
    /// Overrides the slug derived from the file name.
    pub(crate) slug: Option<String>,
    /// Overrides the summary paragraphs.
    pub(crate) summary: Option<String>,
    /// Team the role sits in.
    pub(crate) team: Option<String>,
    /// Level, e.g. "Senior".
    pub(crate) level: Option<String>,
    /// Discipline, e.g. "Software Engineering".
    pub(crate) discipline: Option<String>,
    /// Where the role is based.
    pub(crate) location: Option<String>,
    /// "Full-time", "Part-time", "Contract".
    pub(crate) employment_type: Option<String>,
    /// Salary bands; overrides the body.
    pub(crate) salary: Option<SalaryValue>,
    /// open | closed | draft.
    pub(crate) status: Option<Status>,
    /// Date posted (YYYY-MM-DD).
    pub(crate) posted: Option<Date>,
    /// Closing date (YYYY-MM-DD).
    pub(crate) closes: Option<Date>,
    /// Where to apply.
    pub(crate) apply_url: Option<String>,
    /// Old slugs that should redirect here.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// Front matter `salary`: a line read like the body, or a list of bands.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum SalaryValue {
    /// `salary: "£60,000 - £75,000"`.
    Line(String),
    /// `salary: [{min: 60000, max: 75000, location: London}]`.
    Bands(Vec<BandValue>),
}

/// One band written as a YAML mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BandValue {
    /// Lowest amount in whole units.
    pub(crate) min: u64,
    /// Highest amount; absent for open-ended.
    pub(crate) max: Option<u64>,
    /// Location the band applies to.
    pub(crate) location: Option<String>,
    /// Qualifying words.
    pub(crate) note: Option<String>,
    /// GBP (default), EUR or USD.
    pub(crate) currency: Option<crate::role::model::Currency>,
    /// year (default), month, day or hour.
    pub(crate) period: Option<crate::role::model::Period>,
}

/// The front matter block and the body that follows it.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    /// The YAML text, if the file has front matter.
    pub(crate) yaml: Option<&'a str>,
    /// The Markdown after the closing `---`.
    pub(crate) body: &'a str,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
}

/// A front matter problem with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct FrontMatterError {
    /// Which kind of problem (`front-matter`, or a limit).
    pub(crate) code: Code,
    /// 1-based line in the file.
    pub(crate) line: u32,
    /// 1-based column.
    pub(crate) col: u32,
    /// What is wrong.
    pub(crate) message: String,
}

/// Splits off `---` front matter. A file without an opening `---` line has none;
/// an opening line without a closing one is an error.
pub(crate) fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(Split {
            yaml: None,
            body: text,
            body_offset: 0,
        });
    };
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        code: Code::FrontMatter,
        line: 1,
        col: 1,
        message: "front matter starts with `---` but never ends".into(),
    })
}

/// Parses the YAML of a front matter block that starts on file line 2.
pub(crate) fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    check_bounds(yaml)?;
    serde_yaml::from_str::<FrontMatter>(yaml).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| {
            // The YAML starts on line 2 of the file, after the opening `---`.
            (to_u32(l.line()) + 1, to_u32(l.column()))
        });
        FrontMatterError {
            code: Code::FrontMatter,
            line,
            col,
            message: format!("front matter: {}", strip_location(&e.to_string())),
        }
    })
}

/// Refuses YAML above [`MAX_BYTES`] or nested deeper than [`MAX_DEPTH`], in
/// one pass over the text, before serde_yaml spends time or memory on it.
///
/// Flow nesting counts `[` and `{` outside quoted strings and comments; block
/// nesting counts the indentation levels open at a line, plus the `- ` and
/// `? ` markers that open a nested collection on the same line.
fn check_bounds(yaml: &str) -> Result<(), FrontMatterError> {
    if yaml.len() > MAX_BYTES {
        return Err(FrontMatterError {
            code: Code::FrontMatterTooLarge,
            line: 1,
            col: 1,
            message: format!(
                "front matter is {} KiB, above the limit of {} KiB; the file is left out",
                yaml.len().div_ceil(1024),
                MAX_BYTES / 1024
            ),
        });
    }
    let too_deep = |line: usize, col: usize| FrontMatterError {
        code: Code::FrontMatterTooDeep,
        // The YAML starts on line 2 of the file, after the opening `---`.
        line: to_u32(line + 2),
        col: to_u32(col + 1),
        message: format!(
            "front matter nests more than {MAX_DEPTH} levels deep; the file is left out"
        ),
    };
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in yaml.lines().enumerate() {
        if flow == 0 && quote.is_none() {
            let depth = block_depth(line, &mut indents);
            if depth > MAX_DEPTH {
                return Err(too_deep(n, 0));
            }
        }
        let mut escaped = false;
        // The character before, and the last one that was not a space: a
        // quote opens a string only where a scalar can start (`key: 'x'`,
        // `['x']`), not inside plain text (`it's`).
        let mut before: Option<char> = None;
        let mut last_visible: Option<char> = None;
        let mut closed_single = false;
        for (col, c) in line.chars().enumerate() {
            let reopened = closed_single && c == '\'';
            closed_single = false;
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => {
                    quote = None;
                    closed_single = q == '\'';
                }
                Some(_) => {}
                // `''` inside a single-quoted string is an escaped quote.
                None if reopened => quote = Some('\''),
                None => match c {
                    '#' if before.is_none_or(char::is_whitespace) => break,
                    '"' | '\''
                        if before
                            .is_none_or(|b| b.is_whitespace() || matches!(b, '[' | '{' | ','))
                            && last_visible
                                .is_none_or(|v| matches!(v, ':' | '[' | '{' | ',' | '-' | '?')) =>
                    {
                        quote = Some(c);
                    }
                    '[' | '{' => {
                        flow += 1;
                        if flow > MAX_DEPTH {
                            return Err(too_deep(n, col));
                        }
                    }
                    ']' | '}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            before = Some(c);
            if !c.is_whitespace() {
                last_visible = Some(c);
            }
        }
    }
    Ok(())
}

/// The block nesting depth at a line, keeping the stack of open indentations.
fn block_depth(line: &str, indents: &mut Vec<usize>) -> usize {
    let content = line.trim_start_matches(' ');
    if content.is_empty() || content.starts_with('#') {
        return indents.len();
    }
    let indent = line.len() - content.len();
    while indents.last().is_some_and(|&top| top > indent) {
        indents.pop();
    }
    if indents.last().is_none_or(|&top| top < indent) {
        indents.push(indent);
    }
    let mut markers = 0;
    let mut rest = content;
    while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
        markers += 1;
        rest = after.trim_start_matches(' ');
    }
    indents.len() + markers
}

/// serde_yaml appends " at line X column Y"; we report the file line instead.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter_keeps_the_whole_body() {
        let s = split("# Title\n").map(|s| (s.yaml, s.body_offset));
        assert_eq!(s, Ok((None, 0)));
    }

    #[test]
    fn splits_yaml_and_body() {
        let text = "---\nteam: Platform\n---\n# Title\n";
        let Ok(s) = split(text) else {
            panic!("split failed")
        };
        assert_eq!(s.yaml, Some("team: Platform\n"));
        assert_eq!(s.body, "# Title\n");
        assert_eq!(
            parse("team: Platform\n").map(|f| f.team),
            Ok(Some("Platform".into()))
        );
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        assert!(split("---\nteam: x\n# Title\n").is_err());
    }

    #[test]
    fn unknown_key_points_at_the_file_line() {
        let err = parse("team: Platform\nsalry: 3\n").err();
        let err = err.map(|e| (e.line, e.message.contains("unknown field `salry`")));
        assert_eq!(err, Some((3, true)));
    }

    #[test]
    fn wrong_type_is_an_error() {
        assert!(parse("aliases: 7\n").is_err());
        assert!(parse("status: maybe\n").is_err());
        assert!(parse("closes: not-a-date\n").is_err());
    }

    #[test]
    fn the_codes_describe_the_limits_in_force() {
        let large = Code::FrontMatterTooLarge.description();
        assert!(
            large.contains(&format!("{} KiB", MAX_BYTES / 1024)),
            "{large}"
        );
        let deep = Code::FrontMatterTooDeep.description();
        assert!(deep.contains(&format!("{MAX_DEPTH} levels")), "{deep}");
    }

    #[test]
    fn huge_front_matter_is_refused_before_yaml_reads_it() {
        let yaml = "[".repeat(200_000);
        let err = parse(&yaml).err();
        let err = err.map(|e| (e.code, e.line, e.message));
        assert_eq!(
            err,
            Some((
                Code::FrontMatterTooLarge,
                1,
                "front matter is 196 KiB, above the limit of 64 KiB; the file is left out".into()
            ))
        );
    }

    #[test]
    fn deep_flow_nesting_is_refused_with_its_line() {
        let yaml = format!("team: A\naliases: {}\n", "[".repeat(MAX_DEPTH + 1));
        let err = parse(&yaml).err().map(|e| (e.code, e.line, e.col));
        assert_eq!(
            err,
            Some((Code::FrontMatterTooDeep, 3, 10 + MAX_DEPTH as u32))
        );
        // Brackets in quoted strings and comments are not nesting.
        let quoted = format!(
            "title: \"{0}\"\nsummary: '{0}'' it''s'\nteam: A # {0}\n",
            "[".repeat(100)
        );
        assert_eq!(parse(&quoted).err(), None);
        // An apostrophe in plain text opens no string that could hide brackets.
        let plain = format!("title: it's\naliases: {}\n", "[".repeat(MAX_DEPTH + 1));
        let err = parse(&plain).err().map(|e| (e.code, e.line));
        assert_eq!(err, Some((Code::FrontMatterTooDeep, 3)));
        let at_limit = format!(
            "aliases: {}x{}\n",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_ne!(
            parse(&at_limit).err().map(|e| e.code),
            Some(Code::FrontMatterTooDeep)
        );
    }

    #[test]
    fn deep_block_nesting_is_refused_with_its_line() {
        let mut yaml = String::from("team: A\n");
        for depth in 0..=MAX_DEPTH {
            yaml.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
        }
        let err = parse(&yaml).err().map(|e| (e.code, e.line));
        assert_eq!(err, Some((Code::FrontMatterTooDeep, 3 + MAX_DEPTH as u32)));
        let dashes = format!("aliases:\n{}x\n", "- ".repeat(MAX_DEPTH + 1));
        let err = parse(&dashes).err().map(|e| (e.code, e.line));
        assert_eq!(err, Some((Code::FrontMatterTooDeep, 3)));
    }

    #[test]
    fn billion_laughs_is_a_clean_error() {
        let mut yaml =
            String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for i in 0..9u8 {
            let prev = (b'a' + i) as char;
            let next = (b'b' + i) as char;
            yaml.push_str(&format!(
                "{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        assert!(parse(&yaml).is_err());
    }
}
