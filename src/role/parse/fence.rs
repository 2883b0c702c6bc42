//! Fenced code blocks, followed line by line, so that text inside them is
//! never read as a heading or a salary line.

/// Whether the lines fed so far have left a fenced code block open.
///
/// The CommonMark rule: a fence opens with three or more backticks or tildes
/// (a backtick fence's info string cannot hold a backtick, since "```a```" is
/// inline code), and closes only with a run of the same character at least as
/// long as the opening, followed by nothing but spaces or tabs. A fence that
/// never closes runs to the end of the file. Indentation is not counted, so
/// that fences nested in list items are followed too.
#[derive(Debug, Default)]
pub(super) struct Fence {
    /// The fence character and the length of its run, while a fence is open.
    open: Option<(u8, usize)>,
}

impl Fence {
    /// Feeds the next line. True when the line is code: it opens a fence,
    /// closes one, or sits inside one.
    pub(super) fn line(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let marker = trimmed.as_bytes().first().copied();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        match self.open {
            Some((c, len)) => {
                if marker == Some(c) {
                    let n = run(c);
                    let rest = trimmed[n..].trim_end_matches([' ', '\t', '\r', '\n']);
                    if n >= len && rest.is_empty() {
                        self.open = None;
                    }
                }
                true
            }
            None => {
                let Some(c @ (b'`' | b'~')) = marker else {
                    return false;
                };
                let n = run(c);
                if n < 3 || (c == b'`' && trimmed[n..].contains('`')) {
                    return false;
                }
                self.open = Some((c, n));
                true
            }
        }
    }

    /// Whether a fence is open.
    #[cfg(test)]
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which lines of `text` are code.
    fn code_lines(text: &str) -> Vec<bool> {
        let mut fence = Fence::default();
        text.split_inclusive('\n').map(|l| fence.line(l)).collect()
    }

    #[test]
    fn a_tilde_line_does_not_close_a_backtick_fence() {
        let text = "```\n~~~\n#include <x>\n```\n# Heading\n";
        assert_eq!(code_lines(text), [true, true, true, true, false]);
    }

    #[test]
    fn a_backtick_line_does_not_close_a_tilde_fence() {
        let text = "~~~\n```\ncode\n~~~\nprose\n";
        assert_eq!(code_lines(text), [true, true, true, true, false]);
    }

    #[test]
    fn a_shorter_run_does_not_close() {
        let text = "````\n```\nstill code\n````\nprose\n";
        assert_eq!(code_lines(text), [true, true, true, true, false]);
    }

    #[test]
    fn a_longer_run_closes() {
        assert_eq!(code_lines("```\nx\n`````\ny\n"), [true, true, true, false]);
    }

    #[test]
    fn a_closing_run_with_text_after_it_does_not_close() {
        let text = "```\n``` rust\n```  \t\r\nprose\n";
        assert_eq!(code_lines(text), [true, true, true, false]);
    }

    #[test]
    fn info_strings_and_indentation() {
        assert_eq!(
            code_lines("  ```rust\nx\n  ```\ny\n"),
            [true, true, true, false]
        );
        assert_eq!(code_lines("~~~ `ok` here\nx\n~~~\n"), [true, true, true]);
    }

    #[test]
    fn short_runs_and_inline_code_open_nothing() {
        assert_eq!(code_lines("``\n```a```\nprose\n"), [false, false, false]);
        let mut fence = Fence::default();
        fence.line("```\n");
        assert!(fence.is_open(), "an unclosed fence runs to the end");
    }
}
