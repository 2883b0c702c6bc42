//! The repair tried when front matter is not valid YAML: lines a person
//! reads plainly but YAML cannot, in hand-edited job templates.
//!
//! - A value carried on to lines at the margin (`intro: We build...` then
//!   `our services...` on the next line): YAML needs them indented; a person
//!   sees one value. It is written as one double-quoted string, indented, so
//!   line breaks fold into spaces as in a plain multi-line value, and a `: `
//!   inside it no longer reads as a key. `key: |Text` (text on the `|` line)
//!   keeps its line breaks.
//! - `key:value` without the space after the colon is `key: value`.
//! - Indented lines left under commented-out lines, below a key that already
//!   holds its value on its own line, belong to the comment: they are left out.
//!
//! It is tried only after serde_yaml refused the text, and used only if the
//! result then parses; each change is a warning naming its lines.

use super::{Problem, yaml_key};
use crate::role::diagnostic::{Code, Severity, to_u32};

/// Repaired YAML, and one warning per change.
#[derive(Debug)]
pub(super) struct Repaired {
    /// The YAML with the same number of lines, each key on its own line.
    pub(super) yaml: String,
    /// Warnings naming the lines changed and what was assumed.
    pub(super) problems: Vec<Problem>,
}

/// Applies the repairs above. `None` when none applies (the YAML is wrong
/// some other way).
pub(super) fn repair(yaml: &str) -> Option<Repaired> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut out = String::with_capacity(yaml.len() + 64);
    let mut problems = Vec::new();
    // The last key at the margin that holds its value on its own line, and
    // whether a comment came since: nothing indented may follow it then.
    let mut holder: Option<&str> = None;
    let mut after_comment = false;
    let mut n = 0;
    while n < lines.len() {
        let bare = lines[n].trim_end();
        if bare.starts_with('#') || bare.is_empty() {
            after_comment |= bare.starts_with('#');
            out.push_str(lines[n]);
            out.push('\n');
            n += 1;
            continue;
        }
        if bare.starts_with([' ', '\t']) {
            if let (true, Some(key)) = (after_comment, holder) {
                let end = (n..lines.len())
                    .find(|&i| !lines[i].starts_with([' ', '\t']) || lines[i].trim().is_empty())
                    .unwrap_or(lines.len());
                problems.push(warning(
                    n,
                    format!(
                        "front matter {} indented under comments, below `{key}`, which already has its value; left out",
                        lines_are(n + 2, end + 1)
                    ),
                    "delete those lines, or comment them out like the lines above them".into(),
                ));
                (n..end).for_each(|_| out.push('\n'));
                n = end;
                continue;
            }
            out.push_str(lines[n]);
            out.push('\n');
            n += 1;
            continue;
        }
        after_comment = false;
        let Some((key, value, spaced)) = key_and_value(bare) else {
            holder = None;
            out.push_str(lines[n]);
            out.push('\n');
            n += 1;
            continue;
        };
        holder = holds_own_value(value).then_some(key);
        if !spaced {
            problems.push(warning(
                n,
                format!("`{bare}` has no space after the colon; read as `{key}: {value}`"),
                format!("write `{key}: {value}`"),
            ));
        }
        match continuation(&lines, n, value) {
            Some(run) => {
                problems.push(run.problem(key, n));
                write_quoted(&mut out, key, &run, &lines);
                n = run.end;
            }
            None => {
                out.push_str(&format!("{key}: {value}\n"));
                n += 1;
            }
        }
    }
    (!problems.is_empty()).then_some(Repaired {
        yaml: out,
        problems,
    })
}

/// "line 5 is" or "lines 5 to 8 are", for file lines.
fn lines_are(first: usize, last: usize) -> String {
    if first >= last {
        format!("line {} is", to_u32(first))
    } else {
        format!("lines {} to {} are", to_u32(first), to_u32(last))
    }
}

fn warning(n: usize, message: String, hint: String) -> Problem {
    Problem {
        severity: Severity::Warning,
        code: Code::FrontMatterRepaired,
        // The YAML starts on line 2 of the file, after the opening `---`.
        line: to_u32(n + 2),
        col: 1,
        message,
        hint: Some(hint),
    }
}

/// A key at the margin and its value; `false` when the colon has no space
/// after it (`appointment_type:perm`), which YAML does not read as a key.
fn key_and_value(line: &str) -> Option<(&str, &str, bool)> {
    if let Some(key) = yaml_key(line) {
        let value = line[line.find(':')? + 1..].trim();
        return Some((key, value, true));
    }
    let (key, value) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    let value = value.trim();
    (plain && !value.is_empty() && !value.starts_with(['/', ':'])).then_some((key, value, false))
}

/// Whether a value written on the key's line leaves no room for nested lines.
fn holds_own_value(value: &str) -> bool {
    !value.is_empty() && !value.starts_with(['|', '>', '[', '{', '&', '!', '#'])
}

/// Lines after a key's line that carry its value on without indentation.
#[derive(Debug)]
struct Run<'a> {
    /// The value written on the key's line (after `|` for a literal block).
    value: &'a str,
    /// Whether line breaks are kept (`key: |Text`).
    literal: bool,
    /// Index of the key's line.
    start: usize,
    /// Index of the last continuation line with text.
    last: usize,
    /// Index of the line after the run (the blank lines after it included).
    end: usize,
}

impl Run<'_> {
    fn problem(&self, key: &str, n: usize) -> Problem {
        let lines = lines_are(n + 3, self.last + 2);
        let (message, hint) = if self.literal {
            (
                format!(
                    "`{key}: |` has text on its own line and front matter {lines} not indented; read as the text of `{key}`"
                ),
                format!("write `{key}: |` alone, and the text below it indented"),
            )
        } else {
            (
                format!(
                    "front matter {lines} not indented, so not YAML; read as the rest of `{key}`"
                ),
                format!("indent those lines under `{key}:`, or put the whole value in quotes"),
            )
        };
        warning(n, message, hint)
    }
}

/// The run after the key on line `n`, when its value is plain text (or
/// `|Text`) and a line after it, before the next key or comment, is at the
/// margin.
fn continuation<'a>(lines: &[&str], n: usize, value: &'a str) -> Option<Run<'a>> {
    let text_after_bar = value
        .strip_prefix(['|', '>'])
        .filter(|rest| rest.starts_with(|c: char| c.is_alphabetic()));
    let literal = text_after_bar.is_some();
    let value = text_after_bar.unwrap_or(value);
    let plain = !value.is_empty()
        && !value.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!', '#', '-']);
    if !plain || value.contains(" #") {
        return None;
    }
    let mut last = n;
    let mut at_margin = false;
    for (i, next) in lines.iter().enumerate().skip(n + 1) {
        let bare = next.trim_end();
        if key_and_value(bare).is_some() || bare.starts_with('#') || matches!(bare, "---" | "...") {
            break;
        }
        if !bare.is_empty() {
            last = i;
            at_margin |= !bare.starts_with([' ', '\t']);
        }
    }
    (at_margin || (literal && last > n)).then_some(Run {
        value,
        literal,
        start: n,
        last,
        end: last + 1,
    })
}

/// Writes `key: "value ..."` with each later line indented, escaped for a
/// double-quoted string, on as many lines as the original. Blank lines
/// inside stay, as paragraph breaks; a literal block keeps every line break
/// (an escaped `\n` before each escaped line end).
fn write_quoted(out: &mut String, key: &str, run: &Run<'_>, lines: &[&str]) {
    out.push_str(key);
    out.push_str(": \"");
    push_escaped(out, run.value);
    for line in &lines[run.start + 1..=run.last] {
        out.push_str(if run.literal { "\\n\\\n  " } else { "\n  " });
        push_escaped(out, line.trim());
    }
    out.push_str("\"\n");
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_lines_join_the_value_above_with_a_warning_naming_them() {
        let yaml = "title: Gardener\nintro: We tend the beds: all of them\nand the paths;\n\nand the ponds.\n\nteam: Grounds\n";
        let Some(repaired) = repair(yaml) else {
            panic!("nothing repaired")
        };
        let value: serde_yaml::Value = match serde_yaml::from_str(&repaired.yaml) {
            Ok(v) => v,
            Err(e) => panic!("{e}: {}", repaired.yaml),
        };
        assert_eq!(
            value["intro"].as_str(),
            Some("We tend the beds: all of them and the paths;\nand the ponds.")
        );
        assert_eq!(value["team"].as_str(), Some("Grounds"));
        let found: Vec<_> = repaired
            .problems
            .iter()
            .map(|p| (p.code.as_str(), p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                "front-matter-repaired",
                3,
                "front matter lines 4 to 6 are not indented, so not YAML; read as the rest of `intro`"
            )]
        );
    }

    #[test]
    fn quotes_and_backslashes_in_a_joined_value_are_kept() {
        let yaml = "intro: say \"hi\" \\ wave\nthen go\n";
        let repaired = repair(yaml).map(|r| r.yaml);
        let value = repaired
            .as_deref()
            .and_then(|y| serde_yaml::from_str::<serde_yaml::Value>(y).ok());
        assert_eq!(
            value.as_ref().and_then(|v| v["intro"].as_str()),
            Some("say \"hi\" \\ wave then go")
        );
    }

    #[test]
    fn indented_values_quoted_values_and_lists_are_left_alone() {
        for yaml in [
            "intro: one\n  two\nteam: A\n",
            "intro: \"one\ntwo\"\n",
            "aliases:\n- a\n- b\n",
            "intro: one\n# a comment\nteam: A\n",
        ] {
            assert!(repair(yaml).is_none(), "{yaml}");
        }
    }

    /// The YAML after repair, read, and each warning's line.
    fn read(yaml: &str) -> (serde_yaml::Value, Vec<u32>) {
        let Some(repaired) = repair(yaml) else {
            panic!("nothing repaired: {yaml}")
        };
        match serde_yaml::from_str(&repaired.yaml) {
            Ok(value) => (value, repaired.problems.iter().map(|p| p.line).collect()),
            Err(e) => panic!("{e}: {}", repaired.yaml),
        }
    }

    #[test]
    fn a_key_without_a_space_after_its_colon_is_a_key() {
        let (value, lines) = read("team: A\nschedule:weekly\n");
        assert_eq!(value["schedule"].as_str(), Some("weekly"));
        assert_eq!(lines, [3]);
    }

    #[test]
    fn text_on_the_bar_line_is_a_literal_block_with_its_line_breaks() {
        let (value, lines) = read("needs: |Patience;\nsturdy boots.\n\nteam: A\n");
        assert_eq!(value["needs"].as_str(), Some("Patience;\nsturdy boots."));
        assert_eq!(value["team"].as_str(), Some("A"));
        assert_eq!(lines, [2]);
    }

    #[test]
    fn indented_lines_left_under_comments_below_a_value_are_left_out() {
        let yaml =
            "kind:perm\n# example:\n# - title: x\n    - stray one\n    - stray two\nteam: A\n";
        let (value, lines) = read(yaml);
        assert_eq!(value["kind"].as_str(), Some("perm"));
        assert_eq!(value["team"].as_str(), Some("A"));
        assert_eq!(lines, [2, 5]);
    }
}
