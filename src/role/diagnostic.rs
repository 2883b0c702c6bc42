//! Problems found while reading role files, reported as
//! `path:line:col: severity[code]: message` with an optional hint.

use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

/// Declares [`Code`] from one table, so the list, the names and the
/// descriptions cannot drift apart.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal: $description:literal,)+) => {
        /// A short, stable name for a kind of problem, such as `salary-unreadable`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, in the order `check` documents them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The kebab-case name printed in diagnostics and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $description,)+
                }
            }
        }
    };
}

codes! {
    /// The file holds nothing but whitespace.
    EmptyFile = "empty-file": "The file is empty.",
    /// The bytes are not UTF-8.
    NotUtf8 = "not-utf8": "The file is not UTF-8 text.",
    /// The YAML front matter cannot be read.
    FrontMatter = "front-matter": "The front matter cannot be read (bad YAML), or its status, closes or slug cannot be read; the file is left out.",
    /// A value of a known front matter key that cannot be read.
    FrontMatterValue = "front-matter-value": "A front matter value cannot be read (such as a list where text belongs); that field is left out.",
    /// A front matter value that stands for "not decided yet".
    FrontMatterPlaceholder = "front-matter-placeholder": "A front matter value is a placeholder (such as `closes: TBD`); it is read as not set.",
    /// An unknown front matter key close to one of ours.
    FrontMatterMisspelling = "front-matter-misspelling": "An unknown front matter key looks like a misspelling of one careers reads; it is ignored.",
    /// Front matter closed by `--` or `...`.
    FrontMatterCloser = "front-matter-closer": "The front matter ends with `--` or `...` instead of `---`; it is read all the same.",
    /// Front matter read after joining unindented lines to the value above.
    FrontMatterRepaired = "front-matter-repaired": "Front matter lines that carry a value on without indentation are not YAML; they are read as the rest of the value above them.",
    /// YAML at the top of a file without the opening `---`.
    FrontMatterUnopened = "front-matter-unopened": "The file starts with YAML front matter but no opening `---`; the file is left out.",
    /// No slug can be derived from the file name.
    BadFileName = "bad-file-name": "No URL slug can be made from the file name.",
    /// A front matter alias is not a slug.
    BadAlias = "bad-alias": "A front matter alias cannot be a URL slug; it is ignored.",
    /// No heading names the job.
    TitleMissing = "title-missing": "No `# Title` heading names the job; the title comes from the file name, or the file is left out.",
    /// `#Title` without a space.
    HeadingNoSpace = "heading-no-space": "A heading has no space after its `#`; it is read as a heading.",
    /// An experience section with nothing in it.
    ExperienceEmpty = "experience-empty": "An experience section lists no experience.",
    /// An amount that looks like pay but cannot be read.
    SalaryUnreadable = "salary-unreadable": "A salary amount cannot be read without guessing; no band is made.",
    /// Two files with one slug.
    DuplicateSlug = "duplicate-slug": "Two role files have the same slug; the later file is left out.",
    /// A link to a role file that is not there.
    BrokenRoleLink = "broken-role-link": "A link names a role file that is not in the folder.",
    /// An alias that is taken.
    AliasConflict = "alias-conflict": "An alias is already a role's slug or another role's alias; it is ignored.",
    /// A link to a role that is not published.
    LinkToDraft = "link-to-draft": "A link names a draft role, which is not published, so the link would lead nowhere.",
    /// Template text left in a role.
    Placeholder = "placeholder": "Template text such as ENTER ROLE TITLE HERE, [programme area] or TBD is left in the role; it is published as written.",
    /// A site generator's tag that careers does not run.
    TemplateTag = "template-tag": "A template tag (Liquid, ERB or a Hugo shortcode) reads something other than front matter, or is one careers does not run (such as `{% include %}`); it is removed.",
    /// A `{% comment %}` with no `{% endcomment %}`.
    UnclosedComment = "unclosed-comment": "A `{% comment %}` is never closed: everything after it is hidden, as a site generator would hide it, and the file is left out.",
    /// Filling in template values makes the text too large.
    TemplateTooLarge = "template-too-large": "Filling in `{{ page.x }}` values makes the text larger than 1 MiB; the file is left out.",
    /// An open role that search engines' job listings cannot place.
    NoLocation = "no-location": "An open role has no location and the site has no default_location, so it carries no Google for Jobs data (a posting without a location is rejected).",
    /// An open role that gives candidates no pay.
    NoPay = "no-pay": "An open role publishes no salary band: its pay is under review or not stated, and its page says so.",
    /// A URL with a scheme outside the allow-list.
    UnsafeUrl = "unsafe-url": "A link, image or apply_url uses a scheme other than https:, http: or mailto: (such as javascript:); an apply_url is left out.",
    /// Dates in the wrong order.
    ClosesBeforePosted = "closes-before-posted": "The closing date is before the posting date; the file is left out.",
    /// Front matter too large to hand to the YAML reader.
    FrontMatterTooLarge = "front-matter-too-large": "The front matter is larger than 64 KiB; the file is left out.",
    /// Front matter nested too deeply to hand to the YAML reader.
    FrontMatterTooDeep = "front-matter-too-deep": "The front matter nests more than 32 levels deep; the file is left out.",
    /// A role file that is a symbolic link.
    SymlinkRefused = "symlink-refused": "A role file is a symbolic link; links are never followed, so the file is left out.",
    /// A role file name that is not a regular file.
    NotAFile = "not-a-file": "A role file name is not a regular file (a folder, FIFO, socket or device); it is left out.",
    /// A role file the operating system would not let us read.
    FileUnreadable = "file-unreadable": "A role file cannot be read (for example, permission denied); it is left out.",
    /// A role file above the size limit.
    FileTooLarge = "file-too-large": "A role file is larger than 1 MiB; it is left out.",
    /// An advertised role that misses a pay-transparency rule of a place it is advertised in.
    PayLaw = "pay-law": "A role advertised in a place with a pay-transparency law (site.yaml `jurisdictions`, or its location) does not state what that law asks of a job advert; the message names the jurisdiction.",
    /// A gender-coded word, in a role that leans that way.
    CodedWording = "coded-wording": "A masculine- or feminine-coded word (Gaucher, Friesen and Kay, 2011) in a role whose wording leans that way.",
    /// A job title or pronoun that names a gender.
    GenderedTitle = "gendered-title": "A job title or pronoun names a gender (salesman, chairman, he/she).",
    /// A phrasing that shuts people out.
    ExclusionaryWording = "exclusionary-wording": "A phrasing shuts people out by age, origin or body (young and dynamic, native English speaker, digital native).",
    /// A date in figures that reads as two different dates.
    DateAmbiguous = "date-ambiguous": "A date written in figures (such as 4/08/17) reads as two dates; it is read day first unless `date_order: month-first` is set in site.yaml.",
    /// Every role the folder holds is a draft.
    AllDrafts = "all-drafts": "Every role file in the folder is a draft (`draft: true`, `published: false` ...), so the site lists no role.",
    /// Text that looks like a fact the reading did not take.
    UnreadFact = "unread-fact": "A line looks like pay, a closing date, an apply address or an employment type, but careers did not read it as one.",
    /// An open role with no date it was posted.
    NoPostedDate = "no-posted-date": "An open role has no `posted:` date and no commit in a git repository, so its page shows no posting date and it carries no Google for Jobs data.",
    /// The git history cannot give first-published dates.
    HistoryIncomplete = "history-incomplete": "The roles folder's git history is shallow or unreadable, so dates from it are not claimed.",
    /// A heading with nothing under it.
    EmptySection = "empty-section": "A section has nothing under it (an include or template tag may have been removed), so it is not published.",
    /// A link out of the roles folder.
    LinkOutsideFolder = "link-outside-folder": "A relative link points outside the roles folder (`../handbook/x.md`, `/company/values`), where the site has no page; its text is shown without the link.",
    /// A setting candidates would see is not set.
    SettingUnset = "setting-unset": "A site setting candidates would see (organisation, apply address, time zone) is not set, so pages say nothing where it would be.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Lets a code be compared with its name, as tests and callers write it.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A defect a person should fix; the role still loads.
    Warning,
    /// The role cannot be published.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as given to the loader.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// Error or warning.
    pub severity: Severity,
    /// A short, stable name such as `salary-unreadable`.
    pub code: Code,
    /// What is wrong, naming the offending text.
    pub message: String,
    /// How to fix it, when that helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A file name that is not UTF-8 is still reported (with U+FFFD where its
/// bytes are not text) rather than failing the whole JSON report.
fn lossy_path<S: serde::Serializer>(path: &std::path::Path, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(&path.to_string_lossy())
}

impl Diagnostic {
    /// A warning at a position.
    pub fn warning(
        path: impl Into<PathBuf>,
        (line, col): (u32, u32),
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Warning,
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// An error at a position.
    pub fn error(
        path: impl Into<PathBuf>,
        position: (u32, u32),
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(path, position, code, message)
        }
    }

    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path.display(),
            self.line,
            self.col,
            self.severity,
            self.code,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A front matter key careers does not read: kept and ignored, counted by
/// `check` and listed with `--verbose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownKey {
    /// The file, as given to the loader.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// 1-based line of the key.
    pub line: u32,
    /// The key as written.
    pub key: String,
}

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:1: note: unknown front matter key `{}`, kept and ignored",
            self.path.display(),
            self.line,
            self.key
        )
    }
}

/// Maps byte offsets in a file to 1-based line and column, in O(log n).
///
/// Counting newlines from the start for every lookup is quadratic and made a
/// 10,000-role load several times slower.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (to_u32(line + 1), to_u32(col + 1))
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset).max(1))
    }
}

/// A count or position as `u32`, saturating (files are never that long).
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_matches_the_documented_format() {
        let d = Diagnostic::warning(
            "roles/a.md",
            (3, 7),
            Code::SalaryUnreadable,
            "cannot read `£60,00`",
        )
        .with_hint("write the amount in full, e.g. £60,000");
        assert_eq!(
            d.to_string(),
            "roles/a.md:3:7: warning[salary-unreadable]: cannot read `£60,00`\n  = hint: write the amount in full, e.g. £60,000"
        );
    }

    #[test]
    fn every_code_has_a_unique_kebab_name_and_a_one_line_description() {
        let mut names = std::collections::HashSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(names.insert(name), "`{name}` is used twice");
            assert!(
                !name.is_empty()
                    && !name.starts_with('-')
                    && !name.ends_with('-')
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "`{name}` is not kebab-case"
            );
            assert_eq!(code.to_string(), name);
            assert_eq!(code, name);
            let description = code.description();
            assert!(!description.is_empty() && !description.contains('\n'));
        }
    }

    #[test]
    fn codes_serialise_as_their_names() {
        let d = Diagnostic::error("a.md", (1, 1), Code::DuplicateSlug, "twice");
        let json = serde_json::to_value(&d).map(|v| v["code"].clone());
        assert_eq!(json.ok(), Some(serde_json::json!("duplicate-slug")));
    }

    #[test]
    fn line_index_positions() {
        let text = "ab\ncdé\nf";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.len()), (3, 2));
        assert_eq!(index.line(4), 2);
    }
}
