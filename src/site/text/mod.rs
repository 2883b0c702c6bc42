//! Text as the site prints it: `markdown` (the one Markdown-to-HTML
//! function), `sanitise` (HTML from a role file made safe) and `format`
//! (money, dates and counts as a candidate reads them) and `words` (the
//! interface's words in each language careers ships).

pub(crate) mod format;
pub(crate) mod markdown;
pub(crate) mod sanitise;
pub(crate) mod words;
