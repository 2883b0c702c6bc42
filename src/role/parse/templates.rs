//! The template pass: before any Markdown is read, the tags a site generator
//! would have run (Liquid `{{ page.x }}` and `{% ... %}`, ERB `<%= ... %>`,
//! Hugo shortcodes `{{< ... >}}`) are run where they only read front matter
//! and removed otherwise, so no later phase, and no page, sees them as text.
//!
//! - `{{ page.KEY }}` (or `{{ KEY }}` naming a front matter key) is filled
//!   from front matter, escaped so the value is text, never Markdown or HTML;
//!   `date`, `minus`, `plus`, `upcase`, `downcase`, `capitalize`, `strip`,
//!   `slugify` and `default` filters are applied. `{{ site.baseurl }}` is
//!   empty, as in a Jekyll site without one.
//! - `{% comment %}...{% endcomment %}` is dropped with everything in it, so
//!   an amount in a comment is never a salary; `{% raw %}` keeps its text.
//!   A comment never closed hides everything after it, as in Liquid, and is
//!   an error: the text its author meant to hide is never published.
//! - The text the pass makes is capped at [`MAX_EXPANDED`] bytes; past it,
//!   values are no longer filled in, and that is an error.
//! - `{% if %}`, `{% elsif %}`, `{% else %}`, `{% unless %}` are resolved
//!   when they test front matter values (or a literal); a test of anything
//!   else keeps its first branch, with a warning.
//! - Any other Liquid tag (`include`, `link`, `assign` ...), ERB tag or
//!   shortcode is removed with a warning naming it; a paired shortcode keeps
//!   the text between its tags.
//!
//! Tags inside code spans and fenced code blocks are code, and stay. Removed
//! text leaves its newlines behind, so every later line number is the file's.

use std::ops::Range;

use super::fence::Fence;
use crate::role::diagnostic::Code;
use crate::role::front_matter::{TemplateValue, read_date};

/// Front matter keys and their values, as templates read them.
pub(super) type Values = [(String, TemplateValue)];

/// A tag that was removed or not understood: where it starts in the body,
/// and what to tell the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// Byte offset in the body given to [`expand`].
    pub(super) offset: usize,
    /// What happened to the tag.
    pub(super) message: String,
    /// Set when the text cannot be published as it stands (an unclosed
    /// comment, an expansion past [`MAX_EXPANDED`]): the code of the error.
    pub(super) error: Option<Code>,
}

/// The most text the template pass may fill in: the size cap of a role file,
/// so `{{ page.x }}` repeated cannot get round it.
pub(super) const MAX_EXPANDED: usize = 1024 * 1024;

/// Whether `body` may hold template tags at all (the common case is no).
pub(super) fn has_tags(body: &str) -> bool {
    body.contains("{{") || body.contains("{%") || body.contains("<%")
}

/// Runs the template pass over a body: the text every later phase reads, and
/// a note for each tag removed or not understood.
pub(super) fn expand(body: &str, values: &Values) -> (String, Vec<Note>) {
    let tokens = scan(body);
    let mut run = Run {
        body,
        values,
        out: String::with_capacity(body.len()),
        notes: Vec::new(),
        frames: Vec::new(),
        mode: Region::Normal,
        filled: 0,
        over_cap: false,
    };
    let matched = match_blocks(&tokens);
    let mut copied = 0;
    for (n, token) in tokens.iter().enumerate() {
        run.text(copied..token.range.start);
        run.token(token, matched[n]);
        copied = token.range.end;
    }
    run.text(copied..body.len());
    (run.out, run.notes)
}

/// One tag found in the body.
#[derive(Debug, Clone, PartialEq)]
struct Token<'a> {
    range: Range<usize>,
    kind: Kind<'a>,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    /// `{{ expression }}`.
    Output(&'a str),
    /// `{% name args %}`.
    Tag { name: &'a str, args: &'a str },
    /// `<% ... %>`.
    Erb(&'a str),
    /// `{{< name ... >}}` or `{{% name ... %}}`; `closing` for `{{< /name >}}`.
    Shortcode { text: &'a str, closing: bool },
}

/// The longest a single tag may be; an opener without a closer this close is
/// text (and searching no further keeps the pass linear).
const MAX_TAG: usize = 2000;

/// Finds every tag outside code, in order.
fn scan(body: &str) -> Vec<Token<'_>> {
    let code = fenced_lines(body);
    let mut code = code.iter().peekable();
    let bytes = body.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while code.peek().is_some_and(|r| r.end <= i) {
            code.next();
        }
        if let Some(r) = code.peek().filter(|r| r.start <= i) {
            i = r.end;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let found = match (bytes[i], next) {
            (b'`', _) => {
                i = skip_code_span(body, i);
                continue;
            }
            (b'{', Some(b'{')) => match bytes.get(i + 2) {
                Some(b'<') => tag_at(body, i, "{{<", ">}}").map(|(r, t)| (r, shortcode(t))),
                Some(b'%') => tag_at(body, i, "{{%", "%}}").map(|(r, t)| (r, shortcode(t))),
                _ => tag_at(body, i, "{{", "}}").map(|(r, t)| (r, Kind::Output(trim_dashes(t)))),
            },
            (b'{', Some(b'%')) => tag_at(body, i, "{%", "%}").map(|(r, t)| {
                let t = trim_dashes(t);
                let (name, args) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
                (
                    r,
                    Kind::Tag {
                        name,
                        args: args.trim(),
                    },
                )
            }),
            (b'<', Some(b'%')) if bytes.get(i + 2).is_some_and(|&b| is_erb_start(b)) => {
                tag_at(body, i, "<%", "%>").map(|(r, t)| (r, Kind::Erb(t)))
            }
            _ => None,
        };
        match found {
            Some((range, kind)) => {
                i = range.end;
                tokens.push(Token { range, kind });
            }
            None => i += 1,
        }
    }
    tokens
}

fn is_erb_start(b: u8) -> bool {
    matches!(b, b'=' | b'#' | b'-' | b' ' | b'\t' | b'\n' | b'\r')
}

/// The tag opening at `at` with `open` and closing with `close` (within
/// [`MAX_TAG`] bytes): its range and its inner text.
fn tag_at<'a>(
    body: &'a str,
    at: usize,
    open: &str,
    close: &str,
) -> Option<(Range<usize>, &'a str)> {
    let inner_start = at + open.len();
    let window_end = floor_char(body, (inner_start + MAX_TAG).min(body.len()));
    let window = body.get(inner_start..window_end)?;
    let end = window.find(close)?;
    let inner = &window[..end];
    Some((at..inner_start + end + close.len(), inner))
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Liquid's whitespace control (`{%-`, `-%}`) changes nothing here.
fn trim_dashes(text: &str) -> &str {
    text.trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim()
}

fn shortcode(text: &str) -> Kind<'_> {
    let text = text.trim();
    match text.strip_prefix('/') {
        Some(rest) => Kind::Shortcode {
            text: rest.trim(),
            closing: true,
        },
        None => Kind::Shortcode {
            text: text.trim_end_matches('/').trim(),
            closing: false,
        },
    }
}

/// Byte ranges of the lines inside fenced code blocks, in order.
fn fenced_lines(body: &str) -> Vec<Range<usize>> {
    let mut fence = Fence::default();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let end = start + line.len();
        if fence.line(line) {
            match ranges.last_mut() {
                Some(last) if last.end == start => last.end = end,
                _ => ranges.push(start..end),
            }
        }
        start = end;
    }
    ranges
}

/// Past a code span opening at `at` (a run of backticks closed by a run of
/// the same length before a blank line), or past the run when it is not one.
fn skip_code_span(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
    let after = at + run;
    let limit = body[after..].find("\n\n").map_or(body.len(), |p| after + p);
    let mut i = after;
    while i < limit {
        if bytes[i] == b'`' {
            let n = bytes[i..limit].iter().take_while(|&&b| b == b'`').count();
            if n == run {
                return i + n;
            }
            i += n;
        } else {
            i += 1;
        }
    }
    after
}

/// For each token, whether it opens or closes a block that is properly
/// closed or opened (`if`/`endif`, `unless`/`endunless`, `comment`/
/// `endcomment`, `raw`/`endraw`); `elsif` and `else` inside a matched `if` or
/// `unless` count as matched. An unmatched one is read as an unknown tag.
fn match_blocks(tokens: &[Token<'_>]) -> Vec<bool> {
    let mut matched = vec![false; tokens.len()];
    let mut open: Vec<(usize, &str, Vec<usize>)> = Vec::new();
    // Inside a comment or raw block nothing but its end counts.
    let mut verbatim: Option<(usize, &str)> = None;
    // Where the last end of each verbatim block is: an opener before it is
    // closed. Found once, so many unclosed openers stay linear.
    let last_end = |end: &str| {
        tokens
            .iter()
            .rposition(|t| matches!(t.kind, Kind::Tag { name, .. } if name == end))
    };
    let (last_endraw, last_endcomment) = (last_end("endraw"), last_end("endcomment"));
    let has_end = |n: usize, name: &str| {
        let last = if name == "raw" {
            last_endraw
        } else {
            last_endcomment
        };
        last.is_some_and(|at| at > n)
    };
    for (n, token) in tokens.iter().enumerate() {
        let Kind::Tag { name, .. } = token.kind else {
            continue;
        };
        if let Some((start, end)) = verbatim {
            if name == end {
                matched[start] = true;
                matched[n] = true;
                verbatim = None;
            }
            continue;
        }
        match name {
            "comment" | "raw" if has_end(n, name) => {
                verbatim = Some((
                    n,
                    if name == "raw" {
                        "endraw"
                    } else {
                        "endcomment"
                    },
                ));
            }
            "if" | "unless" => open.push((n, name, Vec::new())),
            "elsif" | "else" => {
                if let Some((_, _, branches)) = open.last_mut() {
                    branches.push(n);
                }
            }
            "endif" | "endunless" => {
                let opener = if name == "endif" { "if" } else { "unless" };
                if open.last().is_some_and(|(_, o, _)| *o == opener)
                    && let Some((start, _, branches)) = open.pop()
                {
                    matched[start] = true;
                    matched[n] = true;
                    for b in branches {
                        matched[b] = true;
                    }
                }
            }
            _ => {}
        }
    }
    matched
}

/// One branch of a conditional being run.
#[derive(Debug)]
struct Frame {
    /// Whether a branch so far was taken (or the first branch was kept
    /// because the test could not be resolved).
    taken: bool,
    /// Whether the current branch is shown.
    current: bool,
}

/// Which part of a template the expander is in: plain text, inside
/// `{% comment %}` (hidden) or inside `{% raw %}` (kept as written).
#[derive(Debug, PartialEq)]
enum Region {
    Normal,
    Comment,
    Raw,
}

/// The state of one run of [`expand`].
struct Run<'a, 'v> {
    body: &'a str,
    values: &'v Values,
    out: String,
    notes: Vec<Note>,
    frames: Vec<Frame>,
    mode: Region,
    /// Bytes of values filled in so far.
    filled: usize,
    /// Whether filling values would have passed [`MAX_EXPANDED`].
    over_cap: bool,
}

impl Run<'_, '_> {
    /// Whether text here is shown: every enclosing branch is.
    fn active(&self) -> bool {
        self.mode != Region::Comment && self.frames.iter().all(|f| f.current)
    }

    /// Copies text when shown; otherwise keeps only its newlines.
    fn text(&mut self, range: Range<usize>) {
        let text = &self.body[range];
        if self.active() {
            self.out.push_str(text);
        } else {
            self.drop_text(text);
        }
    }

    fn drop_text(&mut self, text: &str) {
        self.out
            .extend(std::iter::repeat_n('\n', text.matches('\n').count()));
    }

    fn note(&mut self, token: &Token<'_>, message: String) {
        self.notes.push(Note {
            offset: token.range.start,
            message,
            error: None,
        });
    }

    fn error(&mut self, token: &Token<'_>, code: Code, message: String) {
        self.notes.push(Note {
            offset: token.range.start,
            message,
            error: Some(code),
        });
    }

    /// Fills in a value, unless the text would pass [`MAX_EXPANDED`]: then
    /// it and every later value are left out, with one error.
    fn fill(&mut self, token: &Token<'_>, value: &str) {
        let escaped = escape_markdown(value);
        if !self.over_cap && self.filled + escaped.len() <= MAX_EXPANDED {
            self.filled += escaped.len();
            self.out.push_str(&escaped);
            return;
        }
        if !self.over_cap {
            self.over_cap = true;
            let message = format!(
                "`{}`: filling in front matter values makes the text larger than {} MiB; nothing more is filled in and the file is left out (a template tag repeated with a long value?)",
                short(&self.body[token.range.clone()]),
                MAX_EXPANDED / (1024 * 1024)
            );
            self.error(token, Code::TemplateTooLarge, message);
        }
    }

    fn token(&mut self, token: &Token<'_>, matched: bool) {
        let source = &self.body[token.range.clone()];
        match self.mode {
            Region::Comment => {
                if matches!(
                    token.kind,
                    Kind::Tag {
                        name: "endcomment",
                        ..
                    }
                ) {
                    self.mode = Region::Normal;
                }
                self.drop_text(source);
                return;
            }
            Region::Raw => {
                if matches!(token.kind, Kind::Tag { name: "endraw", .. }) {
                    self.mode = Region::Normal;
                    self.drop_text(source);
                } else {
                    self.text(token.range.clone());
                }
                return;
            }
            Region::Normal => {}
        }
        let active = self.active();
        let shown = short(source);
        match &token.kind {
            Kind::Tag { name, args } if matched => {
                self.block_tag(token, name, args);
                self.drop_text(source);
                return;
            }
            // Past the cap nothing more is filled in, so nothing is worked out.
            Kind::Output(_) if active && self.over_cap => {
                self.drop_text(source);
                return;
            }
            Kind::Output(expression) if active => {
                match output(expression, self.values) {
                    Ok(value) => self.fill(token, &value),
                    Err(why) => self.note(token, format!("`{shown}` {why}; removed")),
                }
                self.drop_text(source);
                return;
            }
            _ if !active => {}
            Kind::Tag {
                name: "comment", ..
            } => {
                self.mode = Region::Comment;
                let message = format!(
                    "`{shown}` is never closed, so everything after it is hidden, as a site generator would hide it; close it with `{{% endcomment %}}` where the hidden text ends"
                );
                self.error(token, Code::UnclosedComment, message);
            }
            Kind::Tag { name, .. } => {
                let message =
                    format!("`{shown}`: the Liquid tag `{name}` is not run here; removed");
                self.note(token, message);
            }
            Kind::Erb(_) => {
                self.note(token, format!("`{shown}`: ERB is not run here; removed"));
            }
            Kind::Shortcode { closing: false, .. } => {
                let message = format!(
                    "`{shown}`: Hugo shortcodes are not run here; removed (text between a pair is kept)"
                );
                self.note(token, message);
            }
            Kind::Shortcode { closing: true, .. } | Kind::Output(_) => {}
        }
        self.drop_text(source);
    }

    /// A matched block tag: comment, raw, or a branch of a conditional.
    fn block_tag(&mut self, token: &Token<'_>, name: &str, args: &str) {
        let parent_active = self.frames.iter().all(|f| f.current);
        match name {
            "comment" => self.mode = Region::Comment,
            "raw" => self.mode = Region::Raw,
            "if" | "unless" => {
                let unless = name == "unless";
                let current = match condition(args, self.values) {
                    Some(holds) => holds != unless,
                    None => {
                        if parent_active {
                            let message = format!(
                                "`{}`: cannot tell whether this holds (it tests something other than front matter); its first branch is kept",
                                short(&self.body[token.range.clone()])
                            );
                            self.note(token, message);
                        }
                        true
                    }
                };
                self.frames.push(Frame {
                    taken: current,
                    current,
                });
            }
            "elsif" => {
                let values = self.values;
                let Some(frame) = self.frames.last_mut() else {
                    return;
                };
                if frame.taken {
                    frame.current = false;
                    return;
                }
                match condition(args, values) {
                    Some(holds) => {
                        // Only an `unless`'s own test is inverted; its
                        // `elsif`s read as written, as in Liquid.
                        frame.current = holds;
                        frame.taken = frame.current;
                    }
                    None => {
                        frame.current = true;
                        frame.taken = true;
                        if parent_active_of(&self.frames) {
                            let message = format!(
                                "`{}`: cannot tell whether this holds (it tests something other than front matter); this branch is kept",
                                short(&self.body[token.range.clone()])
                            );
                            self.note(token, message);
                        }
                    }
                }
            }
            "else" => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.current = !frame.taken;
                    frame.taken = true;
                }
            }
            "endif" | "endunless" => {
                self.frames.pop();
            }
            _ => {}
        }
    }
}

/// Whether the frames around the innermost one are all shown.
fn parent_active_of(frames: &[Frame]) -> bool {
    frames
        .split_last()
        .is_none_or(|(_, outer)| outer.iter().all(|f| f.current))
}

/// A tag as quoted in a message: one line, at most 60 characters.
fn short(source: &str) -> String {
    let one_line: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        return one_line;
    }
    let cut: String = one_line.chars().take(57).collect();
    format!("{cut}...")
}

/// What an operand of an expression stands for.
#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Value(TemplateValue),
    /// `empty` / `blank`: an empty string or list (`blank` also nil or false).
    Empty {
        blank: bool,
    },
}

/// Reads one operand; `None` when it is not front matter or a literal.
fn operand(text: &str, values: &Values) -> Option<Operand> {
    let text = text.trim();
    let quoted = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_suffix('"')));
    if let Some(literal) = quoted {
        return Some(Operand::Value(TemplateValue::Text(literal.to_owned())));
    }
    let value = match text {
        "true" => TemplateValue::Bool(true),
        "false" => TemplateValue::Bool(false),
        "nil" | "null" => TemplateValue::Nil,
        "empty" => return Some(Operand::Empty { blank: false }),
        "blank" => return Some(Operand::Empty { blank: true }),
        // A Jekyll site without a base URL prints nothing for these.
        "site.baseurl" | "site.url" => TemplateValue::Text(String::new()),
        _ if text.parse::<f64>().is_ok() => TemplateValue::Number(text.to_owned()),
        _ => {
            let (key, from_page) = match page_key(text) {
                Some(key) => (key, true),
                None => (text, false),
            };
            match values.iter().find(|(k, _)| k == key) {
                Some((_, v)) => v.clone(),
                // `page.x` that front matter lacks is nil, as in Jekyll; a
                // bare name might be anything (a loop variable, an include's).
                None if from_page => TemplateValue::Nil,
                None => return None,
            }
        }
    };
    Some(Operand::Value(value))
}

/// `page.key` or `page["key"]` -> `key`.
fn page_key(text: &str) -> Option<&str> {
    if let Some(key) = text.strip_prefix("page.") {
        let plain = key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
        return (plain && !key.is_empty()).then_some(key);
    }
    let inner = text.strip_prefix("page[")?.strip_suffix(']')?.trim();
    inner
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| inner.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
}

/// Whether a Liquid condition holds; `None` when it reads anything other
/// than front matter and literals.
fn condition(args: &str, values: &Values) -> Option<bool> {
    if args.trim().is_empty() {
        return None;
    }
    let mut any = false;
    for alternative in split_all_outside_quotes(args, " or ") {
        let mut all = true;
        for part in split_all_outside_quotes(alternative, " and ") {
            all &= comparison(part, values)?;
        }
        any |= all;
    }
    Some(any)
}

fn comparison(text: &str, values: &Values) -> Option<bool> {
    const OPERATORS: &[&str] = &["==", "!=", "<>", ">=", "<=", ">", "<", " contains "];
    for op in OPERATORS {
        if let Some((left, right)) = split_outside_quotes(text, op) {
            let (left, right) = (operand(left, values)?, operand(right, values)?);
            return Some(compare(&left, op.trim(), &right));
        }
    }
    Some(truthy(&operand(text, values)?))
}

/// Splits at every `op` that is not inside quotes: `"Research and
/// Development"` is one operand.
fn split_all_outside_quotes<'t>(mut text: &'t str, op: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    while let Some((part, rest)) = split_outside_quotes(text, op) {
        parts.push(part);
        text = rest;
    }
    parts.push(text);
    parts
}

/// Splits at the first `op` that is not inside quotes.
fn split_outside_quotes<'t>(text: &'t str, op: &str) -> Option<(&'t str, &'t str)> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if text[i..].starts_with(op) => return Some((&text[..i], &text[i + op.len()..])),
            None => {}
        }
    }
    None
}

fn truthy(operand: &Operand) -> bool {
    !matches!(
        operand,
        Operand::Value(TemplateValue::Nil | TemplateValue::Bool(false))
    )
}

fn is_empty(value: &TemplateValue, blank: bool) -> bool {
    match value {
        TemplateValue::Text(t) => t.is_empty() || (blank && t.trim().is_empty()),
        TemplateValue::List(items) => items.is_empty(),
        TemplateValue::Nil | TemplateValue::Bool(false) => blank,
        _ => false,
    }
}

fn compare(left: &Operand, op: &str, right: &Operand) -> bool {
    let (a, b) = match (left, right) {
        (Operand::Value(v), Operand::Empty { blank })
        | (Operand::Empty { blank }, Operand::Value(v)) => {
            let empty = is_empty(v, *blank);
            return match op {
                "==" => empty,
                "!=" | "<>" => !empty,
                _ => false,
            };
        }
        (Operand::Value(a), Operand::Value(b)) => (a, b),
        (Operand::Empty { .. }, Operand::Empty { .. }) => return op == "==",
    };
    match op {
        "==" => equal(a, b),
        "!=" | "<>" => !equal(a, b),
        "contains" => match (a, b) {
            (TemplateValue::List(items), b) => items
                .iter()
                .any(|i| Some(i.as_str()) == text_of(b).as_deref()),
            (a, b) => match (text_of(a), text_of(b)) {
                (Some(a), Some(b)) => a.contains(&b),
                _ => false,
            },
        },
        _ => order(a, b).is_some_and(|o| match op {
            ">" => o.is_gt(),
            "<" => o.is_lt(),
            ">=" => o.is_ge(),
            _ => o.is_le(),
        }),
    }
}

/// Equality by what is written: `15` and `'15'` are equal; nil equals only nil.
fn equal(a: &TemplateValue, b: &TemplateValue) -> bool {
    match (a, b) {
        (TemplateValue::Nil, TemplateValue::Nil) => true,
        (TemplateValue::Nil, _) | (_, TemplateValue::Nil) => false,
        _ => text_of(a) == text_of(b),
    }
}

fn order(a: &TemplateValue, b: &TemplateValue) -> Option<std::cmp::Ordering> {
    let (a, b) = (text_of(a)?, text_of(b)?);
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y),
        _ => Some(a.cmp(&b)),
    }
}

/// A value as it prints; `None` for nil.
fn text_of(value: &TemplateValue) -> Option<String> {
    match value {
        TemplateValue::Text(t) | TemplateValue::Number(t) => Some(t.clone()),
        TemplateValue::Bool(b) => Some(b.to_string()),
        TemplateValue::List(items) => Some(items.join(", ")),
        TemplateValue::Nil => None,
    }
}

/// Fills `{{ expression | filter: arg }}`; `Err` says why it cannot be.
fn output(expression: &str, values: &Values) -> Result<String, String> {
    let mut parts = split_filters(expression).into_iter();
    let first = parts.next().unwrap_or_default();
    let value = match operand(first, values) {
        Some(Operand::Value(v)) => v,
        Some(Operand::Empty { .. }) => TemplateValue::Text(String::new()),
        None => return Err("reads something other than front matter".into()),
    };
    let missing = value == TemplateValue::Nil;
    let mut text = text_of(&value);
    for filter in parts {
        let (name, arg) = filter.split_once(':').unwrap_or((filter, ""));
        let arg = arg.trim();
        text = apply_filter(name.trim(), arg, text, values)
            .ok_or_else(|| format!("uses the filter `{}`, which is not run here", name.trim()))?;
    }
    match text {
        Some(text) => Ok(text),
        None if missing => Err(format!(
            "names `{}`, which the front matter does not set",
            page_key(first.trim()).unwrap_or(first.trim())
        )),
        None => Ok(String::new()),
    }
}

/// Splits an output expression at `|` outside quotes.
fn split_filters(expression: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = expression;
    while let Some((head, tail)) = split_outside_quotes(rest, "|") {
        parts.push(head.trim());
        rest = tail;
    }
    parts.push(rest.trim());
    parts
}

/// One filter over a value (`None` in, `None` out, except `default`);
/// `None` when the filter is not one we run.
fn apply_filter(
    name: &str,
    arg: &str,
    text: Option<String>,
    values: &Values,
) -> Option<Option<String>> {
    let literal = || match operand(arg, values) {
        Some(Operand::Value(v)) => text_of(&v).unwrap_or_default(),
        _ => String::new(),
    };
    let number = |t: &str| t.trim().replace(',', "").parse::<f64>().ok();
    let filtered = match name {
        "default" => {
            let empty = text.as_deref().is_none_or(|t| t.is_empty() || t == "false");
            return Some(if empty { Some(literal()) } else { text });
        }
        "date" => text.map(|t| match read_date(&t) {
            Some(date) => format_date(date, &literal()),
            None => t,
        }),
        "minus" | "plus" | "times" => text.map(|t| match (number(&t), number(&literal())) {
            (Some(a), Some(b)) => {
                let r = match name {
                    "minus" => a - b,
                    "plus" => a + b,
                    _ => a * b,
                };
                if r.fract() == 0.0 {
                    format!("{r:.0}")
                } else {
                    r.to_string()
                }
            }
            _ => t,
        }),
        "upcase" => text.map(|t| t.to_uppercase()),
        "downcase" => text.map(|t| t.to_lowercase()),
        "capitalize" => text.map(|t| {
            let mut chars = t.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        }),
        "strip" | "escape" | "xml_escape" | "markdownify" | "smartify" => {
            text.map(|t| t.trim().to_owned())
        }
        "slugify" => text.map(|t| crate::role::anchor::slugify(&t)),
        _ => return None,
    };
    Some(filtered)
}

/// A date by a `strftime` format (jiff's). Only the date is known, so a time
/// of day in the format (`%l:%M%P %Z on ...`) is left out with the words
/// around it; a day of the month is written unpadded (`%e`: "March 3"). A
/// format jiff cannot apply to a date gives the site's own "3 March 2027".
fn format_date(date: jiff::civil::Date, format: &str) -> String {
    let plain =
        || jiff::fmt::strtime::format("%-d %B %Y", date).unwrap_or_else(|_| date.to_string());
    let format = date_part(format);
    if format.is_empty() {
        return plain();
    }
    let format = format.replace("%e", "%-e");
    jiff::fmt::strtime::format(&format, date)
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| plain())
}

/// The part of a format from its first date directive to the end of its
/// last, when time directives sit outside it.
fn date_part(format: &str) -> &str {
    const DATE: &[char] = &['A', 'a', 'B', 'b', 'd', 'e', 'm', 'Y', 'y'];
    let mut first = None;
    let mut last = None;
    let mut time = false;
    let bytes = format.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let mut j = i + 1;
            if bytes.get(j) == Some(&b'-') {
                j += 1;
            }
            if let Some(&d) = bytes.get(j) {
                if DATE.contains(&char::from(d)) {
                    first.get_or_insert(i);
                    last = Some(j + 1);
                } else if d != b'%' {
                    time = true;
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    match (first, last) {
        (Some(f), Some(l)) if time => &format[f..l],
        (Some(_), Some(_)) => format,
        _ => "",
    }
}

/// A filled value as text wherever it lands (Markdown, a link's address, an
/// HTML attribute): punctuation that Markdown or HTML would read becomes a
/// numeric character reference, which both decode to the character itself
/// and never to markup; line breaks become spaces so that every later line
/// number is still the file's.
fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '|' | '~' | '!'
            | '&' | '{' | '}' | '"' | '\'' => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_formatted_as_liquid_writes_them() {
        let date = jiff::civil::date(2027, 3, 3);
        for (format, expected) in [
            ("%A, %B %e, %Y", "Wednesday, March 3, 2027"),
            ("%a %b %-d", "Wed Mar 3"),
            ("%d/%m/%y", "03/03/27"),
            ("%l:%M%P %Z on %A, %B %e, %Y", "Wednesday, March 3, 2027"),
            ("", "3 March 2027"),
        ] {
            assert_eq!(format_date(date, format), expected, "{format}");
        }
    }

    fn values() -> Vec<(String, TemplateValue)> {
        vec![
            ("location".into(), TemplateValue::Text("Kew, Surrey".into())),
            ("state".into(), TemplateValue::Text("open".into())),
            ("grade".into(), TemplateValue::Number("7".into())),
            ("opens".into(), TemplateValue::Text("2027-03-03".into())),
            (
                "team".into(),
                TemplateValue::Text("<b>Roots</b> & *shoots*".into()),
            ),
            ("remote".into(), TemplateValue::Bool(false)),
            ("apply_url".into(), TemplateValue::Nil),
        ]
    }

    fn run(body: &str) -> (String, Vec<Note>) {
        expand(body, &values())
    }

    #[test]
    fn page_values_are_filled_from_front_matter() {
        let (out, notes) = run("Based in {{ page.location }}, grade {{page.grade}}.\n");
        assert_eq!(out, "Based in Kew, Surrey, grade 7.\n");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn filled_values_are_text_not_markup() {
        let (out, _) = run("Team: {{ page.team }}\n");
        assert_eq!(
            out,
            "Team: &#60;b&#62;Roots&#60;/b&#62; &#38; &#42;shoots&#42;\n"
        );
    }

    #[test]
    fn filters_run_on_values() {
        let (out, notes) = run(
            "{{ page.grade | minus: 1 }} {{ page.opens | date: '%l:%M%P %Z on %A, %B %e, %Y' }} {{ page.missing | default: 'soon' }}\n",
        );
        assert_eq!(out, "6 Wednesday, March 3, 2027 soon\n");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_comment_is_dropped_with_the_amounts_in_it() {
        let body = "Before.\n{% comment %}\nSalary: £99,000\n{% endcomment %}\nAfter.\n";
        let (out, notes) = run(body);
        assert_eq!(
            out, "Before.\n\n\n\nAfter.\n",
            "newlines kept for line numbers"
        );
        assert!(notes.is_empty());
        assert_eq!(out.lines().count(), body.lines().count());
    }

    // See: issue #25 (an unclosed comment published the text it hid).
    #[test]
    fn an_unclosed_comment_hides_to_the_end_and_is_an_error() {
        let body = "Before.\n{% comment %}\nInternal: pay them less\nMore hidden.\n";
        let (out, notes) = run(body);
        assert_eq!(out, "Before.\n\n\n\n");
        assert!(!out.contains("pay them less"));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].error, Some(Code::UnclosedComment));
        assert_eq!(notes[0].offset, 8);
    }

    // See: issue #25 (a 140 KB file expanded to a 286 MB page).
    #[test]
    fn filled_values_are_capped_and_passing_the_cap_is_an_error() {
        let long = "x".repeat(64 * 1024);
        let values = vec![("blob".to_owned(), TemplateValue::Text(long))];
        let body = "{{ page.blob }}\n".repeat(40);
        let (out, notes) = expand(&body, &values);
        assert!(out.len() <= MAX_EXPANDED + body.len(), "{}", out.len());
        let errors: Vec<_> = notes.iter().filter(|n| n.error.is_some()).collect();
        assert_eq!(errors.len(), 1, "one error, not one per tag");
        assert_eq!(errors[0].error, Some(Code::TemplateTooLarge));
        assert_eq!(out.lines().count(), body.lines().count(), "lines kept");
    }

    #[test]
    fn unknown_tags_are_removed_with_a_note_at_their_offset() {
        let body =
            "One.\n\n{% include apply_button.html %}\n<%= render 'x' %> and {{< youtube id >}}\n";
        let (out, notes) = run(body);
        assert_eq!(out, "One.\n\n\n and \n");
        let got: Vec<_> = notes.iter().map(|n| n.offset).collect();
        assert_eq!(got, [6, 38, 60]);
        assert!(
            notes[0].message.contains("`include`"),
            "{}",
            notes[0].message
        );
        assert!(notes[1].message.contains("ERB"), "{}", notes[1].message);
        assert!(
            notes[2].message.contains("shortcode"),
            "{}",
            notes[2].message
        );
    }

    #[test]
    fn conditionals_on_front_matter_are_resolved() {
        let body = "{% if page.state == 'upcoming' %}Soon.{% elsif page.state == 'open' %}Now.{% else %}Never.{% endif %}\n{% unless page.remote %}On site.{% endunless %}\n{% if page.apply_url %}Link.{% endif %}\n";
        let (out, notes) = run(body);
        assert_eq!(out, "Now.\nOn site.\n\n");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn quoted_words_and_the_elsif_of_an_unless_read_as_written() {
        // "and" inside quotes is part of the value, not an operator.
        let body = "{% if page.location == 'Kew and Wakehurst' %}A{% else %}B{% endif %}\n{% if page.location == 'Kew, Surrey' and page.state == 'open' %}C{% endif %}\n";
        let (out, notes) = run(body);
        assert_eq!(out, "B\nC\n");
        assert!(notes.is_empty(), "{notes:?}");
        // The state is open, so the unless falls through to its `elsif`,
        // which tests what it says (grade 7).
        let (out, _) = run(
            "{% unless page.state == 'open' %}A{% elsif page.grade == 7 %}B{% else %}C{% endunless %}\n",
        );
        assert_eq!(out, "B\n");
    }

    #[test]
    fn nested_conditionals_and_an_untestable_one() {
        let body = "{% if page.state != 'open' %}A{% if page.grade > 5 %}B{% endif %}{% else %}C{% if page.grade >= 7 %}D{% endif %}{% endif %}\n{% if site.jobs %}E{% else %}F{% endif %}\n";
        let (out, notes) = run(body);
        assert_eq!(out, "CD\nE\n");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].message.contains("first branch"),
            "{}",
            notes[0].message
        );
    }

    #[test]
    fn raw_keeps_its_text_and_code_stays_code() {
        let body = "{% raw %}{{ page.location }}{% endraw %} `{{ page.location }}`\n\n```\n{% include x %}\n```\n";
        let (out, notes) = run(body);
        assert_eq!(
            out,
            "{{ page.location }} `{{ page.location }}`\n\n```\n{% include x %}\n```\n"
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_paired_shortcode_keeps_its_inner_text() {
        let (out, notes) = run("{{% notice tip %}}Bring boots.{{% /notice %}}\n");
        assert_eq!(out, "Bring boots.\n");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn unclosed_blocks_and_stray_ends_are_unknown_tags() {
        let (out, notes) = run("{% if page.state == 'closed' %}Kept.\n{% endcomment %}\n");
        assert_eq!(out, "Kept.\n\n");
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn a_bare_front_matter_key_is_filled_and_other_names_are_not() {
        let (out, notes) = run("In {{ location }} with {{ site.baseurl }}{{ include.team }}.\n");
        assert_eq!(out, "In Kew, Surrey with .\n");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].message.contains("other than front matter"),
            "{}",
            notes[0].message
        );
    }

    #[test]
    fn a_missing_page_value_is_removed_with_a_note() {
        let (out, notes) = run("At {{ page.office }}.\n");
        assert_eq!(out, "At .\n");
        assert!(
            notes[0].message.contains("`office`"),
            "{}",
            notes[0].message
        );
    }

    proptest::proptest! {
        /// Any mix of tag pieces: no panic, and every newline kept, so line
        /// numbers after the pass are the file's.
        #[test]
        fn never_panics_and_keeps_every_line(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "{{", "}}", "{%", "%}", "<%", "%>", "{{<", ">}}", "{{%", "%}}", " if ", " page.state ",
                " == 'open' ", " endif ", " else ", " comment ", " endcomment ", " raw ", " endraw ",
                " unless ", "`", "```\n", "\n", "\n\n", "é", "text", " | date: '%B' ", "/",
            ]), 0..60)
        ) {
            let body: String = pieces.concat();
            let (out, notes) = expand(&body, &values());
            proptest::prop_assert_eq!(out.matches('\n').count(), body.matches('\n').count());
            for note in notes {
                proptest::prop_assert!(note.offset < body.len());
            }
        }
    }

    #[test]
    fn openers_without_closers_are_text() {
        let (out, notes) = run("A {{ not closed and <% neither\n");
        assert_eq!(out, "A {{ not closed and <% neither\n");
        assert!(notes.is_empty());
    }
}
