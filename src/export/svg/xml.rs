//! Escaping for XML and HTML. Canvas text is first cleaned by the project's
//! one sanitiser ([`crate::text::clean`]: no control characters, no bidi
//! overrides), then every character that means something in markup is
//! written as an entity, so no canvas text can ever become an element or an
//! attribute.

/// Text content: `&`, `<`, `>` escaped (and quotes, so the same text is safe
/// in an attribute too).
pub fn escape_text(s: &str) -> String {
    let clean = crate::text::clean(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not characters XML allows at all.
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value (to go between double quotes).
pub fn escape_attr(s: &str) -> String {
    escape_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_never_survive() {
        let hostile = "</text><script>alert(1)</script>\" onload=\"x()\u{1b}[2J\u{7}\u{202e}'";
        let out = escape_text(hostile);
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('"'));
        assert!(!out.contains('\'') && !out.contains('\u{1b}') && !out.contains('\u{7}'));
        assert!(!out.contains('\u{202e}'));
        assert!(out.contains("&lt;/text&gt;&lt;script&gt;"), "{out}");
        assert_eq!(escape_text("a & b"), "a &amp; b");
        assert_eq!(escape_text("\u{ffff}"), "\u{fffd}");
    }
}
