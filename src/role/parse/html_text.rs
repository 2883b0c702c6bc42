//! HTML as the plain-text readers see it: the text of a fragment without its
//! tags (never a script's or a style's), common entities decoded.
//!
//! A small scanner, not a parser: it never fails, and what it cannot read
//! (a tag without its `>`, an unknown entity) is skipped or kept as written.

/// The text of an HTML fragment: tags and comments dropped (with what is
/// inside `<script>`, `<style>` and `<template>`), common entities decoded,
/// whitespace squashed to single spaces.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            let Some(end) = tag_end(rest) else {
                break;
            };
            let name: String = lower[i + 1..i + end]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            i += end;
            if matches!(name.as_str(), "script" | "style" | "template") {
                let close = format!("</{name}");
                i = lower[i..].find(&close).map_or(html.len(), |p| i + p);
            } else {
                out.push(' ');
            }
            continue;
        }
        if rest.starts_with('&')
            && let Some((decoded, len)) = entity(rest)
        {
            out.push(decoded);
            i += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The offset just past the `>` ending the tag at the start of `text`.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// A character reference at the start of `text`, and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        "pound" => '£',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_drops_tags_scripts_and_comments() {
        let text = html_text(
            "<p class=\"x\">Grow <b>roses</b> &amp; ferns<!-- secret --></p><script>alert(1)</script><style>p{}</style>\n<p title='a>b'>Daily &#8211; &pound;5</p><br",
        );
        assert_eq!(text, "Grow roses & ferns Daily – £5");
    }

    proptest::proptest! {
        /// Any mix of tag pieces: no panic, and no tag left in the text.
        #[test]
        fn never_panics(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<p>", "<b", ">", "</b>", "<!--", "-->", "<script>", "</script>",
                "&amp;", "&#x1F600;", "&#99999999;", "&", ";", "\"", "é", "Grade", " ",
            ]), 0..40)
        ) {
            let text = html_text(&pieces.concat());
            proptest::prop_assert!(!text.contains("<p>") && !text.contains("<b>"));
        }
    }
}
