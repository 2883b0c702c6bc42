//! Optional YAML front matter between `---` lines at the top of a role file.
//!
//! Front matter is strict: an unknown key or a wrong type is an error that
//! points at the file line. serde_yaml stays behind [`parse`] alone.

use jiff::civil::Date;
use serde::Deserialize;

use crate::role::diagnostic::to_u32;
use crate::role::model::Status;

/// The keys a role file may set. All are optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Overrides the H1 title.
    pub title: Option<String>,
    /// Overrides the slug derived from the file name.
    pub slug: Option<String>,
    /// Overrides the summary paragraphs.
    pub summary: Option<String>,
    /// Team the role sits in.
    pub team: Option<String>,
    /// Level, e.g. "Senior".
    pub level: Option<String>,
    /// Discipline, e.g. "Software Engineering".
    pub discipline: Option<String>,
    /// Where the role is based.
    pub location: Option<String>,
    /// "Full-time", "Part-time", "Contract".
    pub employment_type: Option<String>,
    /// Salary bands; overrides the body.
    pub salary: Option<SalaryValue>,
    /// open | closed | draft.
    pub status: Option<Status>,
    /// Date posted (YYYY-MM-DD).
    pub posted: Option<Date>,
    /// Closing date (YYYY-MM-DD).
    pub closes: Option<Date>,
    /// Where to apply.
    pub apply_url: Option<String>,
    /// Old slugs that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Front matter `salary`: a line read like the body, or a list of bands.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SalaryValue {
    /// `salary: "£60,000 - £75,000"`.
    Line(String),
    /// `salary: [{min: 60000, max: 75000, location: London}]`.
    Bands(Vec<BandValue>),
}

/// One band written as a YAML mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandValue {
    /// Lowest amount in whole units.
    pub min: u64,
    /// Highest amount; absent for open-ended.
    pub max: Option<u64>,
    /// Location the band applies to.
    pub location: Option<String>,
    /// Qualifying words.
    pub note: Option<String>,
    /// GBP (default), EUR or USD.
    pub currency: Option<crate::role::model::Currency>,
    /// year (default), month, day or hour.
    pub period: Option<crate::role::model::Period>,
}

/// The front matter block and the body that follows it.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML text, if the file has front matter.
    pub yaml: Option<&'a str>,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// A front matter problem with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FrontMatterError {
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What is wrong.
    pub message: String,
}

/// Splits off `---` front matter. A file without an opening `---` line has none;
/// an opening line without a closing one is an error.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
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
        line: 1,
        col: 1,
        message: "front matter starts with `---` but never ends".into(),
    })
}

/// Parses the YAML of a front matter block that starts on file line 2.
pub fn parse(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml::from_str::<FrontMatter>(yaml).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| {
            // The YAML starts on line 2 of the file, after the opening `---`.
            (to_u32(l.line()) + 1, to_u32(l.column()))
        });
        FrontMatterError {
            line,
            col,
            message: format!("front matter: {}", strip_location(&e.to_string())),
        }
    })
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
