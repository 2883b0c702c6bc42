//! Optional front matter at the top of a role file: YAML between `---`
//! lines (Jekyll, Eleventy, Hugo), TOML between `+++` lines (Hugo, Zola) or a
//! JSON object (Hugo). TOML and JSON are turned into the same mapping as YAML,
//! so every key is read by one set of rules, whatever the format.
//!
//! Front matter is tolerant of what it does not know and strict about what it
//! does. A key we do not know is kept (as metadata) and ignored, with a
//! warning only when it looks like a misspelling of one of ours; keys that
//! other site generators use for facts we read are mapped onto ours
//! ([`fields::FOREIGN_KEYS`]). A value of one of our keys that cannot be read is
//! a warning and the field is left out, except `status`, `closes` and `slug`,
//! whose absence would mislead a candidate: those are errors. The YAML is read
//! into a mapping first and each key on its own, so every problem is reported.
//!
//! serde_yaml stays behind [`parse`] alone, which first refuses YAML too large
//! or too deeply nested to be worth reading ([`MAX_BYTES`], [`MAX_DEPTH`]).

mod candidate;
pub(crate) use candidate::language_tag;
mod dates;
mod fields;
mod keys;
mod prose;
mod repair;
mod spelling;

pub(crate) use dates::{NumericDate, read_date, read_date_in};
pub(crate) use prose::ProseKey;

use jiff::civil::Date;
use serde::Deserialize;
use serde_yaml::Value;

use crate::role::diagnostic::{Code, Severity, to_u32};
use crate::role::mapping::ReadOptions;
use crate::role::model::{Currency, Status};

/// The most front matter read: real front matter is a few hundred bytes.
pub(crate) const MAX_BYTES: usize = 64 * 1024;

/// The deepest nesting read, in flow brackets or indentation levels.
pub(crate) const MAX_DEPTH: usize = 32;

/// Every key name careers reads as its own, for checking a site's mapping.
pub(crate) fn our_key_names() -> Vec<&'static str> {
    fields::OUR_KEYS.iter().map(|(name, _)| *name).collect()
}

/// What the front matter says, each field read on its own. All optional.
#[derive(Debug, Default)]
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
    /// A grade on a pay scale ("HEO"; `gs_level: 15` gives "GS-15").
    pub(crate) grade: Option<String>,
    /// Salary bands; overrides the body.
    pub(crate) salary: Option<Located<SalaryValue>>,
    /// open | closed | draft | upcoming.
    pub(crate) status: Option<Status>,
    /// Date posted.
    pub(crate) posted: Option<Date>,
    /// Closing date.
    pub(crate) closes: Option<Date>,
    /// Where to apply.
    pub(crate) apply_url: Option<Located<String>>,
    /// Old slugs or paths that should redirect here.
    pub(crate) aliases: Vec<Alias>,
    /// A one-sentence description for cards and meta descriptions; never
    /// the summary.
    pub(crate) description: Option<String>,
    /// Keys we do not know: name, value as written, file line.
    pub(crate) unknown: Vec<(String, String, u32)>,
    /// Keys we do not know whose values are prose, shown as sections.
    pub(crate) prose: Vec<ProseKey>,
    /// Who can apply from where, as the front matter says.
    pub(crate) eligibility: crate::role::eligibility::Eligibility,
    /// What happened to a closed role.
    pub(crate) outcome: Option<crate::role::model::Outcome>,
    /// The role's language tag.
    pub(crate) lang: Option<String>,
    /// Slugs of the role's translations, as written.
    pub(crate) translations: Vec<String>,
}

/// A value with the key and file line it came from, for later diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located<T> {
    /// The value.
    pub(crate) value: T,
    /// 1-based file line of its key.
    pub(crate) line: u32,
    /// The key as written (ours, or a foreign one mapped onto ours).
    pub(crate) key: String,
}

/// One alias as written: a slug or a path whose last segment is the slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alias {
    /// As written, e.g. `old-role` or `/join/old-role/`.
    pub(crate) written: String,
    /// 1-based file line of its key.
    pub(crate) line: u32,
    /// From a foreign key (`permalink`, `redirect_from`, `canonical_path`),
    /// which often names the page's own path.
    pub(crate) foreign: bool,
}

/// Front matter `salary`: a line read like the body, or a list of bands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum SalaryValue {
    /// `salary: "£60,000 - £75,000"`.
    Line(String),
    /// `salary: [{min: 60000, max: 75000, location: London}]`.
    Bands(Vec<BandValue>),
}

/// One band written as a YAML mapping.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    pub(crate) currency: Option<Currency>,
    /// year (default), month, day or hour.
    pub(crate) period: Option<crate::role::model::Period>,
}

/// The format a front matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// Between `---` lines; the text starts on file line 2.
    #[default]
    Yaml,
    /// Between `+++` lines; the text starts on file line 2.
    Toml,
    /// A JSON object at the very top; the text (braces included) starts on line 1.
    Json,
}

impl Format {
    /// The file line the block's text starts on.
    fn first_line(self) -> u32 {
        match self {
            Format::Json => 1,
            Format::Yaml | Format::Toml => 2,
        }
    }
}

/// The front matter block and the body that follows it.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    /// The front matter text (named for the commonest format), if any.
    pub(crate) yaml: Option<&'a str>,
    /// What the front matter text is written in.
    pub(crate) format: Format,
    /// The Markdown after the closing line.
    pub(crate) body: &'a str,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
    /// A warning when the block was closed by `--` or `...` instead of `---`.
    pub(crate) closer: Option<Problem>,
}

/// A front matter problem with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct Problem {
    /// Whether the file must be left out.
    pub(crate) severity: Severity,
    /// Which kind of problem (`front-matter`, a limit, a misspelling ...).
    pub(crate) code: Code,
    /// 1-based line in the file.
    pub(crate) line: u32,
    /// 1-based column.
    pub(crate) col: u32,
    /// What is wrong.
    pub(crate) message: String,
    /// How to fix it, when that helps.
    pub(crate) hint: Option<String>,
}

impl Problem {
    fn error(code: Code, (line, col): (u32, u32), message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            line,
            col,
            message,
            hint: None,
        }
    }

    fn with_hint(mut self, hint: &str) -> Problem {
        self.hint = Some(hint.to_owned());
        self
    }
}

/// A problem that stops the file being read at all.
pub(crate) type FrontMatterError = Problem;

/// Splits off `---` front matter. A file without an opening `---` line has
/// none, unless it plainly starts with YAML (an error that says so); an
/// opening line without a closing one is an error. A block closed by `--` or
/// `...` is read, with a warning.
pub(crate) fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() == "+++" {
        return split_fenced(text, first.len(), Format::Toml);
    }
    if opens_json(first) {
        return split_json(text);
    }
    if first.trim_end() != "---" {
        if let Some(line) = unopened_yaml(text) {
            return Err(Problem::error(
                Code::FrontMatterUnopened,
                (1, 1),
                format!(
                    "lines 1 to {} are YAML front matter without the opening `---`; the file is left out rather than showing the YAML as the title",
                    line - 1
                ),
            )
            .with_hint("add a line `---` at the top of the file"));
        }
        return Ok(Split {
            yaml: None,
            format: Format::Yaml,
            body: text,
            body_offset: 0,
            closer: None,
        });
    }
    split_fenced(text, first.len(), Format::Yaml)
}

/// Splits a block that opened with a fence line `first_len` bytes long and
/// ends at the matching fence (`---`, also `--` or `...` with a warning; or
/// `+++`), trailing spaces and tabs allowed on either.
fn split_fenced(
    text: &str,
    first_len: usize,
    format: Format,
) -> Result<Split<'_>, FrontMatterError> {
    let (yaml_start, rest) = (first_len, &text[first_len..]);
    let mut offset = yaml_start;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        let ends = match format {
            Format::Toml => bare == "+++",
            _ => matches!(bare, "---" | "..." | "--"),
        };
        if ends {
            let body_offset = offset + line.len();
            let closer = (format == Format::Yaml && bare != "---").then(|| Problem {
                severity: Severity::Warning,
                code: Code::FrontMatterCloser,
                line: to_u32(n + 2),
                col: 1,
                message: format!("front matter ends with `{bare}`; read as if it were `---`"),
                hint: Some("end the front matter with a line `---`".into()),
            });
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                format,
                body: &text[body_offset..],
                body_offset,
                closer,
            });
        }
        offset += line.len();
    }
    let fence = if format == Format::Toml { "+++" } else { "---" };
    Err(Problem::error(
        Code::FrontMatter,
        (1, 1),
        format!("front matter starts with `{fence}` but never ends"),
    ))
}

/// Whether a first line opens a JSON object: `{` then a quoted key or the
/// line's end, so template tags (`{% raw %}`, `{{ x }}`) and kramdown's
/// `{: .class}` are never taken for one.
fn opens_json(first: &str) -> bool {
    first
        .strip_prefix('{')
        .is_some_and(|rest| matches!(rest.trim_start().chars().next(), None | Some('"' | '}')))
}

/// Splits off a JSON object at the top of the file (Hugo's JSON front
/// matter): the object is the front matter, what follows its closing brace
/// the body. An object that never closes is an error at the place JSON
/// reading stopped.
fn split_json(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match stream.next() {
        Some(Ok(_)) => {
            let end = stream.byte_offset();
            // The rest of the closing brace's line belongs to the front matter.
            let body_offset = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
            Ok(Split {
                yaml: Some(&text[..end]),
                format: Format::Json,
                body: &text[body_offset..],
                body_offset,
                closer: None,
            })
        }
        Some(Err(e)) => Err(Problem::error(
            Code::FrontMatter,
            (to_u32(e.line().max(1)), to_u32(e.column().max(1))),
            format!(
                "front matter starts with `{{` but is not a JSON object careers can read: {}",
                strip_location(&e.to_string())
            ),
        )
        .with_hint(
            "end the JSON object with `}` on its own line, or remove the `{` that opens the file",
        )),
        None => Ok(Split {
            yaml: None,
            format: Format::Yaml,
            body: text,
            body_offset: 0,
            closer: None,
        }),
    }
}

/// The 1-based line of the `---` that ends a run of `key: value` lines at the
/// very top of a file, when that run is plainly YAML: two keys or more, or
/// one of ours. A heading or a paragraph first is never this.
fn unopened_yaml(text: &str) -> Option<usize> {
    let mut keys = 0;
    let mut ours = false;
    for (n, line) in text.lines().enumerate() {
        let bare = line.trim_end();
        if bare == "---" {
            return (n > 0 && (keys >= 2 || ours)).then_some(n + 1);
        }
        if bare.starts_with([' ', '\t']) && n > 0 && !bare.trim().is_empty() {
            continue;
        }
        let key = yaml_key(bare)?;
        keys += 1;
        ours |= fields::OUR_KEYS.iter().any(|(k, _)| *k == key);
    }
    None
}

/// The key of a top-level `key: value` line, quotes removed.
fn yaml_key(line: &str) -> Option<&str> {
    if let Some(quoted) = line.strip_prefix('"').or_else(|| line.strip_prefix('\'')) {
        let end = quoted.find(['"', '\''])?;
        return quoted[end + 1..].starts_with(':').then(|| &quoted[..end]);
    }
    let colon = line.find(':')?;
    let (key, after) = (&line[..colon], &line[colon + 1..]);
    let plain = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '));
    (plain && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(key.trim_end())
}

/// Parses the YAML of a front matter block that starts on file line 2: the
/// keys read, and the problems found on the way. `Err` when nothing can be
/// read at all (bad YAML, not a mapping, over a limit). `site` is what
/// the site says about pay a file leaves unsaid.
pub(crate) fn parse(
    yaml: &str,
    site: ReadOptions,
) -> Result<(FrontMatter, Vec<Problem>), FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok((FrontMatter::default(), Vec::new()));
    }
    let unclosed = check_bounds(yaml)?;
    let (value, repairs) = read_yaml(yaml).map_err(|e| yaml_error(yaml, &e, unclosed))?;
    let top = key_lines(yaml);
    read_mapping(
        value,
        &top,
        &|line, key| nested_key_line(yaml, line, key),
        repairs,
        site,
    )
}

/// Parses a front matter block in its own format ([`parse`] for YAML): TOML
/// and JSON become the same mapping YAML gives, read by the same rules.
pub(crate) fn parse_as(
    format: Format,
    text: &str,
    site: ReadOptions,
) -> Result<(FrontMatter, Vec<Problem>), FrontMatterError> {
    if format == Format::Yaml {
        return parse(text, site);
    }
    if text.trim().is_empty() {
        return Ok((FrontMatter::default(), Vec::new()));
    }
    check_bounds(text)?;
    let value = foreign_value(format, text)?;
    let top = foreign_key_lines(format, text);
    read_mapping(value, &top, &|_, _| None, Vec::new(), site)
}

/// A TOML or JSON block as the YAML value the key readers take.
fn foreign_value(format: Format, text: &str) -> Result<Value, FrontMatterError> {
    let (name, read) = match format {
        Format::Toml => (
            "TOML",
            toml::from_str::<toml::Value>(text)
                .map(toml_to_yaml)
                .map_err(|e| {
                    let line = e.span().map_or(1, |s| {
                        text[..s.start.min(text.len())].lines().count().max(1)
                    });
                    (line, e.message().to_owned())
                }),
        ),
        _ => (
            "JSON",
            serde_json::from_str::<serde_json::Value>(text)
                .map_err(|e| (e.line(), strip_location(&e.to_string()).to_owned()))
                .and_then(|v| serde_yaml::to_value(v).map_err(|e| (1, e.to_string()))),
        ),
    };
    read.map_err(|(line, message)| {
        Problem::error(
            Code::FrontMatter,
            (to_u32(line) + format.first_line() - 1, 1),
            format!("front matter is not valid {name}: {message}"),
        )
    })
}

/// A TOML value as YAML: dates become their text, as YAML would read them.
fn toml_to_yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(table) => Value::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// Each top-level key of a TOML (`key = value`, before any `[table]`) or
/// JSON (`"key":`) block and its file line.
fn foreign_key_lines(format: Format, text: &str) -> Vec<(&str, u32)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = to_u32(n) + format.first_line();
        let key = match format {
            Format::Toml if line.starts_with('[') => break,
            Format::Toml => line
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches(['"', '\''])),
            _ => line
                .trim_start()
                .trim_start_matches('{')
                .trim_start()
                .strip_prefix('"')
                .and_then(|rest| rest.split_once("\":"))
                .map(|(k, _)| k),
        };
        if let Some(key) = key.filter(|k| !k.is_empty() && !k.starts_with('#')) {
            out.push((key, line_no));
        }
    }
    out
}

/// Reads the keys of a front matter value that should be a mapping;
/// `lines` gives each top-level key's file line.
fn read_mapping(
    value: Value,
    lines: &[(&str, u32)],
    nested: &dyn Fn(u32, &str) -> Option<u32>,
    mut repairs: Vec<Problem>,
    site: ReadOptions,
) -> Result<(FrontMatter, Vec<Problem>), FrontMatterError> {
    let map = match value {
        Value::Null => return Ok((FrontMatter::default(), Vec::new())),
        Value::Mapping(map) => map,
        other => {
            return Err(Problem::error(
                Code::FrontMatter,
                (2, 1),
                format!(
                    "front matter must be `key: value` lines; found {}",
                    keys::found(&other)
                ),
            ));
        }
    };
    let line_of = |key: &str| {
        lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |&(_, line)| line)
    };
    let key_lines = keys::KeyLines {
        top: &line_of,
        nested,
    };
    let (keys, mut problems) = keys::read(map, &key_lines, site);
    problems.append(&mut repairs);
    problems.sort_by_key(|p| p.line);
    Ok((keys, problems))
}

/// serde_yaml's complaint about `yaml`, at the file line and in plain words.
fn yaml_error(yaml: &str, e: &serde_yaml::Error, unclosed: Unclosed) -> Problem {
    // The YAML starts on line 2 of the file, after the opening `---`.
    let at = |(n, c): (usize, usize)| (to_u32(n + 2), to_u32(c + 1));
    let reported = e.location().map(|l| {
        newline_position(
            yaml,
            l.line().saturating_sub(1),
            l.column().saturating_sub(1),
        )
    });
    // serde_yaml reports a quote or bracket that never closes where reading
    // gave up (often the end of the front matter, lines below): a mistake
    // after something left open is that opening's.
    let opened = [
        (unclosed.quote, "this quote is never closed"),
        (unclosed.flow, "this bracket is never closed"),
    ]
    .into_iter()
    .filter_map(|(place, what)| Some((place?, what)))
    .filter(|&(place, _)| reported.is_none_or(|r| place <= r))
    .min();
    if let Some((place, what)) = opened {
        return Problem::error(
            Code::FrontMatter,
            at(place),
            format!("front matter is not valid YAML: {what}"),
        );
    }
    let (line, col) = reported.map_or((1, 1), at);
    Problem::error(
        Code::FrontMatter,
        (line, col),
        format!(
            "front matter is not valid YAML: {}",
            plain_words(strip_location(&e.to_string()))
        ),
    )
}

/// A position serde_yaml gives (0-based line and column, counting every YAML
/// line break: `\r\n`, `\n`, a lone `\r`, NEL, LS and PS) as the 0-based
/// line and column the rest of careers counts (lines end at `\n` only), so a
/// file with stray carriage returns is still reported at the right line.
fn newline_position(yaml: &str, line: usize, col: usize) -> (usize, usize) {
    let mut chars = yaml.char_indices().peekable();
    let mut yaml_line = 0;
    let mut start = 0;
    while yaml_line < line {
        let Some((i, c)) = chars.next() else { break };
        let end = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => i + c.len_utf8(),
            _ => continue,
        };
        yaml_line += 1;
        start = end;
    }
    let offset = yaml[start..]
        .char_indices()
        .nth(col)
        .map_or(yaml.len(), |(i, _)| start + i);
    let before = &yaml[..offset];
    let newline_line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (newline_line, before[line_start..].chars().count())
}

/// A quote or bracket still open at the end of the front matter: where it
/// opened (0-based line and column in the YAML).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Unclosed {
    quote: Option<(usize, usize)>,
    flow: Option<(usize, usize)>,
}

/// A front matter value as a template reads it (`{{ page.location }}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TemplateValue {
    /// A string, as written.
    Text(String),
    /// A number, as written.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// A list of scalars, as text.
    List(Vec<String>),
    /// Written with no value (`apply_url:`).
    Nil,
}

/// The YAML as written, or after one repair when only the repair makes it
/// readable (with the repair's warnings); the original error otherwise.
fn read_yaml(yaml: &str) -> Result<(Value, Vec<Problem>), serde_yaml::Error> {
    serde_yaml::from_str::<Value>(yaml)
        .map(|value| (value, Vec::new()))
        .or_else(|e| {
            repair::repair(yaml)
                .and_then(|r| Some((serde_yaml::from_str::<Value>(&r.yaml).ok()?, r.problems)))
                .ok_or(e)
        })
}

/// Every top-level key of a front matter block with its value, for the
/// template pass; empty when the YAML cannot be read (the front matter phase
/// reports why). Mappings are left out: no template in a role prints one.
pub(crate) fn template_values(format: Format, yaml: &str) -> Vec<(String, TemplateValue)> {
    if check_bounds(yaml).is_err() {
        return Vec::new();
    }
    // Read as the front matter phase reads it, repair included.
    let read = match format {
        Format::Yaml => read_yaml(yaml).ok().map(|(value, _)| value),
        _ => foreign_value(format, yaml).ok(),
    };
    let Some(Value::Mapping(map)) = read else {
        return Vec::new();
    };
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    map.into_iter()
        .filter_map(|(key, value)| {
            let key = scalar(&key)?;
            let value = match value {
                Value::String(s) => TemplateValue::Text(s),
                Value::Number(n) => TemplateValue::Number(n.to_string()),
                Value::Bool(b) => TemplateValue::Bool(b),
                Value::Null => TemplateValue::Nil,
                Value::Sequence(items) => {
                    TemplateValue::List(items.iter().filter_map(scalar).collect())
                }
                Value::Mapping(_) | Value::Tagged(_) => return None,
            };
            Some((key, value))
        })
        .collect()
}

/// Each top-level key of the YAML and its file line (the YAML starts on line 2).
/// The file line of `key` written under the top-level key on file line
/// `parent` (indented, or after a list's `- `), before the next top-level key.
fn nested_key_line(yaml: &str, parent: u32, key: &str) -> Option<u32> {
    let first = usize::try_from(parent).ok()?.checked_sub(1)?;
    for (n, line) in yaml.lines().enumerate().skip(first) {
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            return None;
        }
        let text = line.trim_start().trim_start_matches('-').trim_start();
        if text
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return Some(to_u32(n + 2));
        }
    }
    None
}

fn key_lines(yaml: &str) -> Vec<(&str, u32)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(n, line)| Some((yaml_key(line.trim_end())?, to_u32(n + 2))))
        .collect()
}

/// Refuses YAML above [`MAX_BYTES`] or nested deeper than [`MAX_DEPTH`], in
/// one pass over the text, before serde_yaml spends time or memory on it.
///
/// Flow nesting counts `[` and `{` outside quoted strings and comments; block
/// nesting counts the indentation levels open at a line, plus the `- ` and
/// `? ` markers that open a nested collection on the same line.
///
/// Returns where the last flow bracket left open starts (0-based line and
/// column), so that YAML which ends inside one is reported at the bracket.
fn check_bounds(yaml: &str) -> Result<Unclosed, FrontMatterError> {
    if yaml.len() > MAX_BYTES {
        return Err(FrontMatterError {
            severity: Severity::Error,
            hint: None,
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
        severity: Severity::Error,
        hint: None,
        code: Code::FrontMatterTooDeep,
        // The YAML starts on line 2 of the file, after the opening `---`.
        line: to_u32(line + 2),
        col: to_u32(col + 1),
        message: format!(
            "front matter nests more than {MAX_DEPTH} levels deep; the file is left out"
        ),
    };
    let mut flow: Vec<(usize, usize)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut quote_at = (0, 0);
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in yaml.lines().enumerate() {
        if flow.is_empty() && quote.is_none() {
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
                        quote_at = (n, col);
                    }
                    '[' | '{' => {
                        flow.push((n, col));
                        if flow.len() > MAX_DEPTH {
                            return Err(too_deep(n, col));
                        }
                    }
                    ']' | '}' => {
                        flow.pop();
                    }
                    _ => {}
                },
            }
            before = Some(c);
            if !c.is_whitespace() {
                last_visible = Some(c);
            }
        }
    }
    Ok(Unclosed {
        quote: quote.map(|_| quote_at),
        flow: flow.last().copied(),
    })
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

/// The YAML reader's commonest complaints, in the words of the mistake a
/// person made; others are passed on as they are.
fn plain_words(message: &str) -> String {
    const SAID: &[(&str, &str)] = &[
        (
            "mapping values are not allowed in this context",
            "a value holds `: ` but is not in quotes; put the value in quotes, or write `key: |` and the text on the lines below, indented",
        ),
        (
            "did not find expected key",
            "a line is indented differently from the keys around it",
        ),
        (
            "could not find expected ':'",
            "a line is neither `key: value` nor part of the value above it",
        ),
        (
            "found character that cannot start any token",
            "a value starts with a character YAML reserves (such as `@`, `` ` `` or a tab); put the value in quotes",
        ),
        (
            "found a tab character that violates indentation",
            "a tab is used to indent; use spaces",
        ),
        (
            "did not find expected node content",
            "a value is missing where one is expected",
        ),
    ];
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        return format!("{key} is set twice; keep one");
    }
    SAID.iter()
        .find(|(said, _)| message.starts_with(said))
        .map_or_else(|| message.to_owned(), |(_, plain)| (*plain).to_owned())
}

/// serde_yaml appends " at line X column Y"; we report the file line instead.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    #[test]
    fn yaml_positions_count_lines_as_the_file_does() {
        // Found by fuzzing: lone carriage returns are YAML line breaks, so
        // serde_yaml's line 9 here is the file's line 1.
        let yaml = "#z?\r\r\r\r\r\r\r\r[";
        assert_eq!(super::newline_position(yaml, 8, 1), (0, 12));
        assert_eq!(super::newline_position("a: 1\r\nb: [", 1, 3), (1, 3));
        assert_eq!(super::newline_position("a\nb", 5, 0), (1, 0));
    }

    use super::*;

    // See: issue #26 (a warning points at the line of the mistake).
    #[test]
    fn an_unreadable_band_value_is_reported_at_its_own_line() {
        for (yaml, line, key) in [
            (
                "title: Baker\nsalary:\n  - min: abc\n    max: 30000\n",
                4,
                "min",
            ),
            (
                "salary:\n  currency: GBP\n  min: 1000\n  max: lots\nteam: Bread\n",
                5,
                "max",
            ),
        ] {
            let Ok((_, problems)) = parse(yaml, ReadOptions::default()) else {
                panic!("{yaml}: the front matter reads")
            };
            let warning = problems.iter().find(|p| p.code == Code::FrontMatterValue);
            assert_eq!(warning.map(|p| p.line), Some(line), "{yaml}");
            assert!(
                warning.is_some_and(|p| p.message.contains(&format!("`{key}` cannot be read"))),
                "{problems:?}"
            );
        }
    }

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
            parse("team: Platform\n", ReadOptions::default()).map(|(f, _)| f.team),
            Ok(Some("Platform".into()))
        );
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        assert!(split("---\nteam: x\n# Title\n").is_err());
    }

    /// Each problem's severity, code and line, for a YAML block.
    fn problems(yaml: &str) -> Vec<(Severity, &'static str, u32)> {
        match parse(yaml, ReadOptions::default()) {
            Ok((_, problems)) => problems
                .iter()
                .map(|p| (p.severity, p.code.as_str(), p.line))
                .collect(),
            Err(p) => vec![(p.severity, p.code.as_str(), p.line)],
        }
    }

    #[test]
    fn an_unknown_key_is_kept_and_a_misspelling_warned_at_its_line() {
        let Ok((keys, found)) = parse(
            "team: Platform\nsalry: 3\nlayout: job\n",
            ReadOptions::default(),
        ) else {
            panic!("did not parse")
        };
        assert_eq!(keys.team.as_deref(), Some("Platform"));
        assert_eq!(
            keys.unknown,
            [
                ("salry".to_owned(), "3".to_owned(), 3),
                ("layout".to_owned(), "job".to_owned(), 4)
            ]
        );
        let found: Vec<_> = found.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(
            found,
            [(
                3,
                "unknown front matter key `salry`: did you mean `salary`?"
            )]
        );
    }

    #[test]
    fn a_status_closes_or_slug_that_cannot_be_read_is_an_error() {
        use Severity::{Error, Warning};
        assert_eq!(problems("status: maybe\n"), [(Error, "front-matter", 2)]);
        assert_eq!(
            problems("team: A\ncloses: not-a-date\n"),
            [(Error, "front-matter", 3)]
        );
        assert_eq!(problems("slug: [a, b]\n"), [(Error, "front-matter", 2)]);
        assert_eq!(
            problems("closes: TBD\n"),
            [(Warning, "front-matter-placeholder", 2)]
        );
        assert_eq!(problems("closes:\n"), []);
    }

    #[test]
    fn every_problem_in_a_file_is_reported_each_at_its_line() {
        use Severity::{Error, Warning};
        let yaml = "team: [a]\nstatus: [open]\nposted: someday\nsalray: 1\ncloses: TBC\n";
        assert_eq!(
            problems(yaml),
            [
                (Warning, "front-matter-value", 2),
                (Error, "front-matter", 3),
                (Warning, "front-matter-value", 4),
                (Warning, "front-matter-misspelling", 5),
                (Warning, "front-matter-placeholder", 6),
            ]
        );
    }

    #[test]
    fn problems_are_said_in_plain_words() {
        let message = |yaml: &str| match parse(yaml, ReadOptions::default()) {
            Ok((_, p)) => p.first().map(|p| p.message.clone()),
            Err(p) => Some(p.message),
        };
        assert_eq!(
            message("status:\n  - open\n").as_deref(),
            Some(
                "`status` must be one of open, closed, draft, upcoming; found a list; the file is left out, as its status is unknown"
            )
        );
        assert_eq!(
            message("team: {name: x}\n").as_deref(),
            Some("`team` must be text; found a group of `key: value` lines; it is left out")
        );
        assert_eq!(
            message("- a\n- b\n").as_deref(),
            Some("front matter must be `key: value` lines; found a list")
        );
    }

    #[test]
    fn yaml_mistakes_are_said_in_plain_words() {
        let message = |yaml: &str| {
            parse(yaml, ReadOptions::default())
                .err()
                .map(|e| (e.line, e.message))
        };
        assert_eq!(
            message("title: A\nsummary: Pay: good\n"),
            Some((3, "front matter is not valid YAML: a value holds `: ` but is not in quotes; put the value in quotes, or write `key: |` and the text on the lines below, indented".into()))
        );
        let twice = message("team: A\nteam: B\n").map(|(_, m)| m);
        assert_eq!(
            twice.as_deref(),
            Some("front matter is not valid YAML: \"team\" is set twice; keep one")
        );
        assert_eq!(
            message("team: [A, B\n"),
            Some((
                2,
                "front matter is not valid YAML: this bracket is never closed".into()
            ))
        );
    }

    /// serde_yaml puts these where it gave up: the end of the front matter,
    /// or the next line that cannot be inside the bracket.
    #[test]
    fn an_unclosed_quote_or_bracket_is_reported_where_it_opened() {
        let at = |yaml: &str| {
            parse(yaml, ReadOptions::default())
                .err()
                .map(|e| (e.line, e.col, e.message))
        };
        let quote = "team: Ops\nlevel: Senior\ntitle: \"Senior Operator\nsummary: Keep it running\ngrade: G7\nnotes: more\n";
        assert_eq!(
            at(quote),
            Some((
                4,
                8,
                "front matter is not valid YAML: this quote is never closed".into()
            ))
        );
        let bracket = "team: Ops\ntags: [ops, infra\nnotes: hi\nmore: x\n";
        assert_eq!(
            at(bracket).map(|(l, c, _)| (l, c)),
            Some((3, 7)),
            "the bracket's own line"
        );
        let closed_later = "summary: \"one line\n  and the next\"\nteam: [A\n";
        assert_eq!(at(closed_later).map(|(l, c, _)| (l, c)), Some((4, 7)));
    }

    #[test]
    fn a_value_continued_at_the_margin_is_read_with_a_warning() {
        let yaml = "title: Gardener\nintro: We tend: the beds\nand the paths.\nteam: Grounds\n";
        let Ok((keys, found)) = parse(yaml, ReadOptions::default()) else {
            panic!("not repaired")
        };
        assert_eq!(
            (keys.title.as_deref(), keys.team.as_deref()),
            (Some("Gardener"), Some("Grounds"))
        );
        let intro = keys.unknown.iter().find(|(k, _, _)| k == "intro");
        assert_eq!(
            intro.map(|(_, v, line)| (v.as_str(), *line)),
            Some(("We tend: the beds and the paths.", 3))
        );
        let found: Vec<_> = found.iter().map(|p| (p.code.as_str(), p.line)).collect();
        assert_eq!(found, [("front-matter-repaired", 3)]);
        // A mistake the repair does not explain stays an error.
        assert!(parse("intro: a: b\nteam: [x\n", ReadOptions::default()).is_err());
    }

    #[test]
    fn templates_see_the_values_of_a_repaired_front_matter() {
        let yaml = "title: Gardener\nintro: We tend: the beds\nand the paths.\nteam: Grounds\n";
        let values = template_values(Format::Yaml, yaml);
        let team = values.iter().find(|(k, _)| k == "team").map(|(_, v)| v);
        assert!(
            matches!(team, Some(TemplateValue::Text(t)) if t == "Grounds"),
            "{values:?}"
        );
    }

    #[test]
    fn a_block_closed_by_two_dashes_or_dots_is_read_with_a_warning() {
        for closer in ["--", "..."] {
            let text = format!("---\nteam: A\n{closer}\n# T\n");
            let Ok(s) = split(&text) else {
                panic!("split failed")
            };
            assert_eq!((s.yaml, s.body), (Some("team: A\n"), "# T\n"));
            let closer = s.closer.map(|p| (p.code.as_str(), p.line));
            assert_eq!(closer, Some(("front-matter-closer", 3)));
        }
    }

    #[test]
    fn yaml_without_its_opening_line_is_an_error_that_says_so() {
        let err = split("title: Baker\nteam: Bread\n---\n\nWe bake.\n").err();
        let err = err.map(|e| (e.code.as_str(), e.message));
        assert_eq!(
            err.as_ref().map(|e| e.0),
            Some("front-matter-unopened"),
            "{err:?}"
        );
        assert!(err.is_some_and(|e| e.1.contains("lines 1 to 2")));
        // Not YAML: a heading, a paragraph, or a single sentence with a colon
        // over a setext underline.
        for text in [
            "# Baker\n---\n",
            "We bake: bread.\n\n---\n",
            "Note: this is a heading\n---\n",
        ] {
            assert!(split(text).is_ok_and(|s| s.yaml.is_none()), "{text}");
        }
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
        let err = parse(&yaml, ReadOptions::default()).err();
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
        let err = parse(&yaml, ReadOptions::default())
            .err()
            .map(|e| (e.code, e.line, e.col));
        assert_eq!(
            err,
            Some((Code::FrontMatterTooDeep, 3, 10 + MAX_DEPTH as u32))
        );
        // Brackets in quoted strings and comments are not nesting.
        let quoted = format!(
            "title: \"{0}\"\nsummary: '{0}'' it''s'\nteam: A # {0}\n",
            "[".repeat(100)
        );
        assert_eq!(parse(&quoted, ReadOptions::default()).err(), None);
        // An apostrophe in plain text opens no string that could hide brackets.
        let plain = format!("title: it's\naliases: {}\n", "[".repeat(MAX_DEPTH + 1));
        let err = parse(&plain, ReadOptions::default())
            .err()
            .map(|e| (e.code, e.line));
        assert_eq!(err, Some((Code::FrontMatterTooDeep, 3)));
        let at_limit = format!(
            "aliases: {}x{}\n",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_ne!(
            parse(&at_limit, ReadOptions::default())
                .err()
                .map(|e| e.code),
            Some(Code::FrontMatterTooDeep)
        );
    }

    #[test]
    fn deep_block_nesting_is_refused_with_its_line() {
        let mut yaml = String::from("team: A\n");
        for depth in 0..=MAX_DEPTH {
            yaml.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
        }
        let err = parse(&yaml, ReadOptions::default())
            .err()
            .map(|e| (e.code, e.line));
        assert_eq!(err, Some((Code::FrontMatterTooDeep, 3 + MAX_DEPTH as u32)));
        let dashes = format!("aliases:\n{}x\n", "- ".repeat(MAX_DEPTH + 1));
        let err = parse(&dashes, ReadOptions::default())
            .err()
            .map(|e| (e.code, e.line));
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
        assert!(parse(&yaml, ReadOptions::default()).is_err());
    }
}
