//! Handouts: single HTML files that open offline in any browser, with nothing else to
//! fetch. The page's own style and script are inline and allowed by their hashes in a
//! strict Content-Security-Policy (`default-src 'none'`): no network, no other file, no
//! script but this one. The fonts are the drawings' (subset into `data:` URLs). Every
//! text from the workspace goes through [`crate::drawing::escape`].

mod maps;
mod plan;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

pub use maps::{maps_html, MapHandout};
pub use plan::{
    history_words, internal_facts, kpi_cells, plan_html, reached_words, CustomerPlan, StepState,
};

use crate::drawing::font::{self, Weight};
use crate::drawing::{base64, escape, subset};

/// An HTML page being written: the body, and every character it shows (for the fonts).
#[derive(Default)]
pub(crate) struct Page {
    body: String,
    chars: BTreeSet<char>,
}

impl Page {
    /// Markup written by this module (never user text).
    pub fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        self.chars.extend(text.chars().filter(|c| !c.is_control()));
        self.body.push_str(&escape(text));
    }

    /// `<tag class="…">text</tag>`.
    pub fn element(&mut self, tag: &str, class: &str, text: &str) {
        if class.is_empty() {
            let _ = write!(self.body, "<{tag}>");
        } else {
            let _ = write!(self.body, "<{tag} class=\"{class}\">");
        }
        self.text(text);
        let _ = write!(self.body, "</{tag}>");
    }

    /// The whole document around the body, with `css` and `script` inline.
    pub fn finish(mut self, title: &str, css: &str, script: &str) -> String {
        self.chars.extend(title.chars().filter(|c| !c.is_control()));
        let mut fonts = String::new();
        for weight in Weight::ALL {
            if let Ok(data) = subset::subset(weight.data(), &self.chars) {
                let _ = writeln!(
                    fonts,
                    "@font-face {{ font-family: \"{}\"; font-weight: {}; src: url(\"data:font/ttf;base64,{}\") format(\"truetype\"); }}",
                    font::FAMILY,
                    weight.css(),
                    base64(&data)
                );
            }
        }
        let style = format!("{fonts}{css}");
        let policy = format!(
            "default-src 'none'; style-src '{}'; script-src '{}'; font-src data:; img-src data:; \
             base-uri 'none'; form-action 'none'",
            hash(&style),
            hash(script)
        );
        let mut out = String::with_capacity(self.body.len() + style.len() + 4096);
        out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
        );
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"generator\" content=\"Successmap\">\n");
        let _ = writeln!(out, "<title>{}</title>", escape(title));
        let _ = writeln!(out, "<style>{style}</style>\n</head>");
        out.push_str("<body>\n");
        out.push_str(&self.body);
        let _ = writeln!(out, "<script>{script}</script>\n</body>\n</html>");
        out
    }
}

/// A CSP source for inline content: `sha256-` and the base64 of its SHA-256.
fn hash(content: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(content.as_bytes())))
}

/// An address the handout may link to: http or https only, as text the user typed.
pub(crate) fn web_link(link: &str) -> Option<&str> {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        .then_some(link)
        .filter(|l| !l.chars().any(|c| c.is_whitespace() || c.is_control()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_link(" https://lms.example/course "),
            Some("https://lms.example/course")
        );
        assert_eq!(web_link("HTTP://x.example"), Some("HTTP://x.example"));
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("https://x.example/a b"), None);
        assert_eq!(web_link("file:///etc/passwd"), None);
        assert_eq!(web_link(""), None);
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_style_and_script() {
        let mut page = Page::default();
        page.element("p", "", "<b>hi</b>");
        let html = page.finish("T", "p{color:red}", "void 0;");
        assert!(html.contains("&lt;b&gt;hi&lt;/b&gt;"));
        let style = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
        let script = &html[html.find("<script>").unwrap() + 8..html.find("</script>").unwrap()];
        assert!(html.contains(&format!("style-src '{}'", hash(style))));
        assert!(html.contains(&format!("script-src '{}'", hash(script))));
        assert!(html.contains("default-src 'none'"));
    }
}
