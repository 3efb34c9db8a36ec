//! The HTML being written, and the only ways into it: markup as string literals, text from the
//! files escaped, numbers formatted. `put!(h; "<td>" (name) "</td>")` writes the literals as
//! they are and every parenthesised value through [`Value`], which escapes text — so no string
//! read from a file can reach the page unescaped.

use std::borrow::Cow;
use std::fmt::Write as _;

/// HTML under construction: literals, escaped text and numbers (see [`put!`]).
#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            out: String::with_capacity(bytes),
        }
    }

    /// Markup written in this program: only string literals (`&'static str`) get here.
    pub fn raw(&mut self, markup: &'static str) {
        self.out.push_str(markup);
    }

    /// Text from the files, safe in element content and in a quoted attribute: sanitised to
    /// one line (no controls, escape sequences or bidi overrides), then `& < > " '` escaped.
    pub fn text(&mut self, s: &str) {
        let s = crate::sanitize::line(s);
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            self.out.push_str(entity);
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
    }

    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Hand what is written so far to `out` once it is `at_least` bytes, and start afresh: a
    /// page of a million claims (2 GB) is never held whole.
    pub fn pass_on(
        &mut self,
        out: &mut dyn std::io::Write,
        at_least: usize,
    ) -> std::io::Result<()> {
        if self.out.len() >= at_least {
            out.write_all(self.out.as_bytes())?;
            self.out.clear();
        }
        Ok(())
    }
}

/// Something written into the page by `put!`: text is escaped, numbers formatted.
pub trait Value {
    fn write_to(&self, h: &mut Html);
}

impl Value for str {
    fn write_to(&self, h: &mut Html) {
        h.text(self);
    }
}

impl Value for String {
    fn write_to(&self, h: &mut Html) {
        h.text(self);
    }
}

impl Value for Cow<'_, str> {
    fn write_to(&self, h: &mut Html) {
        h.text(self);
    }
}

impl<T: Value + ?Sized> Value for &T {
    fn write_to(&self, h: &mut Html) {
        (**self).write_to(h);
    }
}

/// A piece written with the same rules: its text is escaped already.
impl Value for Html {
    fn write_to(&self, h: &mut Html) {
        h.out.push_str(&self.out);
    }
}

impl Value for usize {
    fn write_to(&self, h: &mut Html) {
        let _ = write!(h.out, "{self}");
    }
}

impl Value for u32 {
    fn write_to(&self, h: &mut Html) {
        let _ = write!(h.out, "{self}");
    }
}

impl Value for crate::model::Date {
    fn write_to(&self, h: &mut Html) {
        let _ = write!(h.out, "{self}");
    }
}

/// A coordinate in a drawing: one decimal at most (`12`, `12.5`), never `NaN` or `inf`.
/// Written as tenths in integers: drawings hold many, and integers format fast.
impl Value for f64 {
    fn write_to(&self, h: &mut Html) {
        let tenths = if self.is_finite() {
            (self * 10.0).round().clamp(-1e15, 1e15) as i64
        } else {
            0
        };
        let sign = if tenths < 0 { "-" } else { "" };
        let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
        let _ = if tenth == 0 {
            write!(h.out, "{sign}{whole}")
        } else {
            write!(h.out, "{sign}{whole}.{tenth}")
        };
    }
}

/// Write literals as markup and each `(value)` through [`Value`]:
/// `put!(h; "<td class=\"n\">" (count) "</td>")`.
macro_rules! put {
    ($h:expr; $($part:tt)*) => {{
        let h: &mut $crate::export::html::writer::Html = $h;
        $( $crate::export::html::writer::put_part!(h, $part); )*
    }};
}

macro_rules! put_part {
    ($h:ident, $markup:literal) => {
        $h.raw($markup)
    };
    ($h:ident, ($value:expr)) => {
        $crate::export::html::writer::Value::write_to(&$value, $h)
    };
}

pub(crate) use put;
pub(crate) use put_part;

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Html)) -> String {
        let mut h = Html::default();
        f(&mut h);
        h.out
    }

    #[test]
    fn text_is_escaped_for_content_and_quoted_attributes() {
        assert_eq!(
            written(|h| h.text(r#"<script>alert("x" & 'y')</script>"#)),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            written(|h| h.text("12,000 troops — ≈ 11,000 · 병력")),
            "12,000 troops — ≈ 11,000 · 병력"
        );
    }

    #[test]
    fn controls_escape_sequences_and_bidi_overrides_never_get_through() {
        let got = written(|h| h.text("a\u{1b}[31mred\u{1b}]0;title\u{7}\u{202E}b\nc\u{0}d\u{85}"));
        assert_eq!(got, "aredb cd");
    }

    #[test]
    fn put_writes_literals_as_markup_and_values_escaped() {
        let name = "\"><img src=x onerror=alert(1)>";
        let got =
            written(|h| put!(h; "<td title=\"" (name) "\">" (3usize) " · " (2.25f64) "</td>"));
        assert_eq!(
            got,
            "<td title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">3 · 2.3</td>"
        );
        let mut inner = Html::default();
        put!(&mut inner; "<b>" ("<i>") "</b>");
        assert_eq!(
            written(|h| put!(h; "<p>" (inner) "</p>")),
            "<p><b>&lt;i&gt;</b></p>"
        );
    }

    #[test]
    fn coordinates_are_short_and_finite() {
        for (v, want) in [
            (12.0, "12"),
            (12.04, "12"),
            (12.06, "12.1"),
            (-0.01, "0"),
            (-3.5, "-3.5"),
            (f64::NAN, "0"),
            (f64::INFINITY, "0"),
        ] {
            assert_eq!(written(|h| put!(h; (v))), want, "{v}");
        }
    }
}
