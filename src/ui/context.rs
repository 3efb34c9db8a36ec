//! The selected claim's quote in its report's text: the text read when first shown (the last
//! report's kept), and an excerpt around the quote, sized to its pane and cut between words.

use ratatui::layout::Rect;

use crate::load;
use crate::model::Model;
use crate::sanitize;

/// The selected claim's quote in its report's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    Found {
        /// The text before the quote, starting with `… ` where it was cut.
        before: String,
        quote: String,
        /// The text after the quote, ending with ` …` where it was cut.
        after: String,
    },
    /// Why no context is shown (no text file, quote not found, ...).
    Unavailable(String),
}

/// How many characters of report text to show around the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub before: usize,
    pub after: usize,
}

impl Room {
    /// Without a pane to fill (it is not shown at this size): a paragraph either side.
    pub const DEFAULT: Room = Room {
        before: 300,
        after: 300,
    };

    /// Enough to fill a pane of this inner size, with the text before the quote kept to about
    /// a third of it so that the quote stays in view.
    pub fn for_pane(inner: Rect) -> Self {
        if inner.height == 0 || inner.width == 0 {
            return Self::DEFAULT;
        }
        let (w, h) = (usize::from(inner.width), usize::from(inner.height));
        Room {
            // Wrapping leaves the ends of lines empty: count on three quarters of each.
            before: w * (h / 3).max(1) * 3 / 4,
            after: w * h,
        }
    }
}

/// The text of the last report shown, so that moving between its claims reads it once.
#[derive(Default)]
pub struct ReportTexts {
    last: Option<(usize, Option<String>)>,
}

impl ReportTexts {
    /// The context of a claim (a model index), reading its report's text if it is not kept.
    pub fn context(&mut self, model: &Model, claim: usize, room: Room) -> Context {
        let report = model.claims[claim].report;
        if !matches!(&self.last, Some((r, _)) if *r == report) {
            let text = model.reports[report]
                .text
                .as_ref()
                .and_then(|p| load::read::text_file(p).ok())
                // Quotes were sanitised when loaded: the text they are found in is too, so
                // that a quote `check` found in the raw text is found here as well.
                .map(|t| sanitize::text(&t).into_owned());
            self.last = Some((report, text));
        }
        match self.last.as_ref().and_then(|(_, t)| t.as_deref()) {
            None if model.reports[report].text.is_none() => {
                Context::Unavailable("the report has no `text` file".into())
            }
            None => Context::Unavailable("the report's text file cannot be read".into()),
            Some(text) => excerpt(text, &model.claims[claim].quote, room),
        }
    }

    /// Forget the text kept (the files were reloaded).
    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// The quote with up to `room` characters of text either side, cut between words and marked
/// `…` where cut, sanitised.
pub fn excerpt(text: &str, quote: &str, room: Room) -> Context {
    let Some(range) = load::quote::locate(text, quote) else {
        return Context::Unavailable("the quote is not in the report text".into());
    };
    let start = text[..range.start]
        .char_indices()
        .rev()
        .nth(room.before)
        .map_or(0, |(i, _)| i);
    let start = word_start(text, start, range.start);
    let end = text[range.end..]
        .char_indices()
        .nth(room.after)
        .map_or(text.len(), |(i, _)| range.end + i);
    let end = word_end(text, range.end, end);
    let before = sanitize::line(&text[start..range.start]);
    let after = sanitize::line(&text[range.end..end]);
    Context::Found {
        before: if start > 0 {
            format!("… {}", before.trim_start())
        } else {
            before.into_owned()
        },
        quote: sanitize::line(&text[range.clone()]).into_owned(),
        after: if end < text.len() {
            format!("{} …", after.trim_end())
        } else {
            after.into_owned()
        },
    }
}

/// `at`, or the start of the next word when `at` is inside one (not past `limit`).
fn word_start(text: &str, at: usize, limit: usize) -> usize {
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    match text[at..limit].find(char::is_whitespace) {
        Some(space) => {
            let after = &text[at + space..limit];
            limit - after.trim_start().len()
        }
        // No break between here and the quote (a long word, text without spaces): cut here.
        None => at,
    }
}

/// `at`, or the end of the previous word when `at` is inside one (not before `limit`).
fn word_end(text: &str, limit: usize, at: usize) -> usize {
    if at == text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    match text[limit..at].rfind(char::is_whitespace) {
        Some(space) => limit + text[limit..limit + space].trim_end().len(),
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "South Korea has claimed that North Korea has sent troops. \
        It reported conflicting death tolls from the front. The quote is here, and more words follow it.";

    fn found(context: Context) -> (String, String, String) {
        match context {
            Context::Found {
                before,
                quote,
                after,
            } => (before, quote, after),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_quote_with_an_escape_sequence_is_found_as_check_finds_it() {
        let dir = tempfile::tempdir().unwrap();
        let raw =
            "Officials said \u{1b}]0;pwned\u{7}twelve\u{1b}[31m thousand troops\u{202e} were sent.";
        std::fs::write(dir.path().join("r.txt"), raw).unwrap();
        let quote = "\u{1b}]0;pwned\u{7}twelve\u{1b}[31m thousand troops";
        std::fs::write(
            dir.path().join("x.claims.toml"),
            format!(
                "[report]\nid = \"r\"\ntitle = \"R\"\ntext = \"r.txt\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\n[[claim]]\nid = \"c\"\ntopic = \"t\"\nsource = \"s\"\nquote = {}\nstance = \"affirms\"\n",
                toml::Value::String(quote.into())
            ),
        )
        .unwrap();
        let loaded = load::load(&[dir.path().to_path_buf()]);
        assert!(
            !loaded.has_errors(),
            "check accepts it: {:?}",
            loaded.diagnostics
        );
        let context = ReportTexts::default().context(&loaded.model, 0, Room::DEFAULT);
        let (_, quote, after) = found(context);
        assert_eq!(quote, "twelve thousand troops");
        assert_eq!(after, " were sent.");
    }

    #[test]
    fn an_excerpt_cut_in_a_word_starts_at_the_next_word_after_an_ellipsis() {
        let room = Room {
            before: 38,
            after: 12,
        };
        let (before, quote, after) = found(excerpt(TEXT, "The quote is here", room));
        // 38 characters back lands inside "conflicting": the excerpt starts at "death".
        assert_eq!(before, "… death tolls from the front. ");
        assert_eq!(quote, "The quote is here");
        assert_eq!(after, ", and more …");
    }

    #[test]
    fn an_excerpt_that_reaches_the_ends_has_no_ellipsis() {
        let (before, _, after) = found(excerpt(TEXT, "The quote is here", Room::DEFAULT));
        assert!(before.starts_with("South Korea"), "{before}");
        assert!(after.ends_with("follow it."), "{after}");
    }

    #[test]
    fn text_without_spaces_is_cut_where_it_must_be() {
        let text = "가나다라마바사아자차카타파하인용문 끝";
        let (before, _, _) = found(excerpt(
            text,
            "인용문",
            Room {
                before: 4,
                after: 0,
            },
        ));
        assert_eq!(before, "… 차카타파하");
    }

    #[test]
    fn the_room_fills_a_pane() {
        let room = Room::for_pane(Rect::new(0, 0, 100, 12));
        assert_eq!(room.after, 1200);
        assert!(room.before <= 400);
    }
}
