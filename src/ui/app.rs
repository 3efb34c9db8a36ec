//! The screen's state and `update`, which carries out one action. Nothing here draws.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::analysis::Verdict;
use crate::decision::{Decision, Status};
use crate::export;
use crate::load;
use crate::sanitize;
use crate::session::{Notice, Session};
use crate::ui::action::Action;
use crate::ui::layout;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Conflicts,
    Unreviewed,
    Disputed,
    Verified,
}

impl Filter {
    pub fn next(self) -> Self {
        match self {
            Self::All => Self::Conflicts,
            Self::Conflicts => Self::Unreviewed,
            Self::Unreviewed => Self::Disputed,
            Self::Disputed => Self::Verified,
            Self::Verified => Self::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Conflicts => "conflicts",
            Self::Unreviewed => "unreviewed",
            Self::Disputed => "disputed",
            Self::Verified => "verified",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    FileOrder,
    Spread,
    Unreviewed,
}

impl Sort {
    pub fn next(self) -> Self {
        match self {
            Self::FileOrder => Self::Spread,
            Self::Spread => Self::Unreviewed,
            Self::Unreviewed => Self::FileOrder,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FileOrder => "file order",
            Self::Spread => "largest spread",
            Self::Unreviewed => "most unreviewed",
        }
    }
}

pub enum Mode {
    Normal,
    Search,
    Note(Box<TextArea<'static>>),
    Export(Box<ExportDialog>),
    Help,
}

/// The export dialog: the format, and the path to write to (editable).
pub struct ExportDialog {
    pub format: export::Format,
    pub path: TextArea<'static>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Saved,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// The selected claim's quote in its report's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    Found {
        before: String,
        quote: String,
        after: String,
    },
    /// Why no context is shown (no text file, quote not found, ...).
    Unavailable(String),
}

pub struct App {
    /// The claims, the decisions in force and the store they are saved in.
    pub session: Session,
    now: fn() -> jiff::Timestamp,
    /// The terminal size, for paging and mouse hit-testing.
    pub size: Rect,
    pub mode: Mode,
    pub filter: Filter,
    pub sort: Sort,
    pub search: String,
    /// The topics shown, in order (indices into the model's topics).
    pub topics: Vec<usize>,
    /// The selected row of `topics`, and the first row shown.
    pub topic: usize,
    pub topic_offset: usize,
    /// The selected claim within the selected topic, and the first column shown.
    pub claim: usize,
    pub claim_offset: usize,
    /// This session's decisions, for undo: the claim id and what it replaced.
    undo: Vec<(String, Option<Decision>)>,
    pub message: Option<Message>,
    /// Lasting notices: a read-only journal, a torn entry set aside, orphaned decisions.
    pub notices: Vec<Notice>,
    pub context: Context,
    /// Lowercased text of each topic for search: question, ids, quotes, sources.
    haystacks: Haystacks,
    /// The last report text read, by report index: read when shown, not held for all.
    text_cache: Option<(usize, Option<String>)>,
    pub quit: bool,
    /// Colours on (off under NO_COLOR): a help, never the only signal.
    pub color: bool,
}

impl App {
    pub fn new(session: Session) -> Self {
        let mut app = Self {
            session,
            now: jiff::Timestamp::now,
            size: Rect::new(0, 0, 120, 40),
            mode: Mode::Normal,
            filter: Filter::All,
            sort: Sort::FileOrder,
            search: String::new(),
            topics: Vec::new(),
            topic: 0,
            topic_offset: 0,
            claim: 0,
            claim_offset: 0,
            undo: Vec::new(),
            message: None,
            notices: Vec::new(),
            context: Context::Unavailable(String::new()),
            haystacks: Haystacks::Ready(Vec::new()),
            text_cache: None,
            quit: false,
            color: true,
        };
        app.notices = app.session.notices();
        app.rebuild();
        app
    }

    /// A fixed clock, for tests.
    pub fn with_clock(mut self, now: fn() -> jiff::Timestamp) -> Self {
        self.now = now;
        self
    }

    /// Where decisions are saved, for the header.
    pub fn journal_location(&self) -> String {
        self.session.location()
    }

    pub fn is_read_only(&self) -> bool {
        self.session.is_read_only()
    }

    /// The selected topic's index in the model.
    pub fn selected_topic(&self) -> Option<usize> {
        self.topics.get(self.topic).copied()
    }

    /// The claims of the selected topic (indices into the model's claims).
    pub fn topic_claims(&self) -> &[usize] {
        self.selected_topic()
            .map_or(&[], |t| &self.session.review.analysis.topics[t].claims)
    }

    pub fn selected_claim(&self) -> Option<usize> {
        self.topic_claims().get(self.claim).copied()
    }

    /// Reviewed (verified or disputed) claims of a topic.
    pub fn reviewed_in(&self, topic: usize) -> usize {
        self.session.review.analysis.topics[topic]
            .claims
            .iter()
            .filter(|&&c| self.session.review.status(c) != Status::Unreviewed)
            .count()
    }

    pub fn areas(&self) -> Option<layout::Areas> {
        layout::areas(self.size, self.topic_claims().len() as u16)
    }

    /// Carry out one action.
    pub fn update(&mut self, action: Action) {
        match &mut self.mode {
            Mode::Search => return self.update_search(action),
            Mode::Note(_) => return self.update_note(action),
            Mode::Export(_) => return self.update_export(action),
            Mode::Help => {
                if matches!(action, Action::ToggleHelp | Action::Back | Action::Quit) {
                    self.mode = Mode::Normal;
                } else if let Action::Resize(w, h) = action {
                    self.size = Rect::new(0, 0, w, h);
                }
                return;
            }
            Mode::Normal => {}
        }
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::NextTopic => self.select_topic(self.topic.saturating_add(1)),
            Action::PrevTopic => self.select_topic(self.topic.saturating_sub(1)),
            Action::PageDown => self.select_topic(self.topic.saturating_add(self.page())),
            Action::PageUp => self.select_topic(self.topic.saturating_sub(self.page())),
            Action::FirstTopic => self.select_topic(0),
            Action::LastTopic => self.select_topic(self.topics.len().saturating_sub(1)),
            Action::NextClaim => self.select_claim(self.claim.saturating_add(1)),
            Action::PrevClaim => self.select_claim(self.claim.saturating_sub(1)),
            Action::MarkVerified => self.mark(Status::Verified),
            Action::MarkDisputed => self.mark(Status::Disputed),
            Action::ClearMark => self.mark(Status::Unreviewed),
            Action::EditNote => self.start_note(),
            Action::Undo => self.undo(),
            Action::StartSearch => self.mode = Mode::Search,
            Action::CycleFilter => {
                self.filter = self.filter.next();
                self.refresh_topics();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh_topics();
            }
            Action::Reload => self.reload(),
            Action::Export => self.start_export(),
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::Quit => self.quit = true,
            Action::Back => {
                if self.search.is_empty() {
                    self.quit = true;
                } else {
                    self.search.clear();
                    self.refresh_topics();
                }
            }
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.scroll_into_view();
            }
            Action::Click(x, y) => self.click(x, y),
            Action::ScrollDown(x, y) => self.wheel(x, y, true),
            Action::ScrollUp(x, y) => self.wheel(x, y, false),
            Action::Input(_) | Action::Submit => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::Input(key) => {
                match key.code {
                    KeyCode::Char(c) if !c.is_control() => self.search.push(c),
                    KeyCode::Backspace => {
                        self.search.pop();
                    }
                    _ => return,
                }
                self.refresh_topics();
            }
            Action::Submit => self.mode = Mode::Normal,
            Action::Back => {
                self.search.clear();
                self.mode = Mode::Normal;
                self.refresh_topics();
            }
            Action::Resize(w, h) => self.size = Rect::new(0, 0, w, h),
            _ => {}
        }
    }

    fn update_note(&mut self, action: Action) {
        let Mode::Note(input) = &mut self.mode else {
            return;
        };
        match action {
            Action::Input(key) => {
                input.input(key);
            }
            Action::Submit => {
                let text = input.lines().join(" ");
                self.mode = Mode::Normal;
                let note = sanitize::line(&text).trim().to_string();
                let status = self
                    .selected_claim()
                    .map_or(Status::Unreviewed, |c| self.session.review.status(c));
                self.decide(status, Some(note).filter(|n| !n.is_empty()));
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.say(MessageKind::Info, "note not changed".into());
            }
            Action::Resize(w, h) => self.size = Rect::new(0, 0, w, h),
            _ => {}
        }
    }

    /// The default file for a format: beside the journal.
    fn export_path(&self, format: export::Format) -> String {
        self.session
            .home()
            .join(format.default_file_name())
            .display()
            .to_string()
    }

    fn start_export(&mut self) {
        let format = export::Format::Markdown;
        let mut path = TextArea::new(vec![self.export_path(format)]);
        path.move_cursor(ratatui_textarea::CursorMove::End);
        self.mode = Mode::Export(Box::new(ExportDialog { format, path }));
    }

    fn update_export(&mut self, action: Action) {
        let default_paths: Vec<String> = export::Format::ALL
            .iter()
            .map(|&f| self.export_path(f))
            .collect();
        let Mode::Export(dialog) = &mut self.mode else {
            return;
        };
        match action {
            Action::Input(key) if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) => {
                let all = export::Format::ALL;
                let i = all.iter().position(|&f| f == dialog.format).unwrap_or(0);
                let next = if key.code == KeyCode::Tab {
                    (i + 1) % all.len()
                } else {
                    (i + all.len() - 1) % all.len()
                };
                dialog.format = all[next];
                // A path still at its default follows the format; an edited one is kept.
                if default_paths.contains(&dialog.path.lines().join("")) {
                    dialog.path = TextArea::new(vec![default_paths[next].clone()]);
                    dialog.path.move_cursor(ratatui_textarea::CursorMove::End);
                }
            }
            Action::Input(key) => {
                dialog.path.input(key);
            }
            Action::Submit => {
                let path = dialog.path.lines().join("");
                let format = dialog.format;
                self.mode = Mode::Normal;
                self.write_export(format, path.trim());
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.say(MessageKind::Info, "export cancelled".into());
            }
            Action::Resize(w, h) => self.size = Rect::new(0, 0, w, h),
            _ => {}
        }
    }

    fn write_export(&mut self, format: export::Format, path: &str) {
        if path.is_empty() {
            self.say(MessageKind::Error, "NOT WRITTEN: no file name given".into());
            return;
        }
        let text = export::render(&self.session.review, format, &export::Options::default());
        match export::write_file(std::path::Path::new(path), &text) {
            Ok(()) => self.say(
                MessageKind::Saved,
                format!("wrote the {} summary to {path}", format.name()),
            ),
            Err(e) => self.say(MessageKind::Error, format!("NOT WRITTEN: {path}: {e}")),
        }
    }

    fn page(&self) -> usize {
        self.areas().map_or(10, |a| layout::topic_rows(a.topics))
    }

    fn select_topic(&mut self, row: usize) {
        let row = row.min(self.topics.len().saturating_sub(1));
        if row != self.topic {
            self.topic = row;
            self.claim = 0;
            self.claim_offset = 0;
        }
        self.scroll_into_view();
        self.refresh_context();
    }

    fn select_claim(&mut self, i: usize) {
        self.claim = i.min(self.topic_claims().len().saturating_sub(1));
        self.scroll_into_view();
        self.refresh_context();
    }

    /// Keep the selected topic row and claim column on screen.
    fn scroll_into_view(&mut self) {
        let Some(areas) = self.areas() else { return };
        let rows = layout::topic_rows(areas.topics);
        if self.topic < self.topic_offset {
            self.topic_offset = self.topic;
        } else if self.topic >= self.topic_offset + rows {
            self.topic_offset = self.topic + 1 - rows;
        }
        let columns = layout::columns(areas.comparison);
        if self.claim < self.claim_offset {
            self.claim_offset = self.claim;
        } else if self.claim >= self.claim_offset + columns {
            self.claim_offset = self.claim + 1 - columns;
        }
    }

    /// Record a new status for the selected claim, keeping its note.
    fn mark(&mut self, status: Status) {
        let note = self
            .selected_claim()
            .and_then(|c| self.session.review.decision(c))
            .and_then(|d| d.note.clone());
        self.decide(status, note);
    }

    fn start_note(&mut self) {
        let Some(claim) = self.selected_claim() else {
            return;
        };
        let current = self
            .session
            .review
            .decision(claim)
            .and_then(|d| d.note.clone())
            .unwrap_or_default();
        let mut input = TextArea::new(vec![current]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        self.mode = Mode::Note(Box::new(input));
    }

    /// Save a decision on the selected claim; only a saved decision is shown as one.
    fn decide(&mut self, status: Status, note: Option<String>) {
        let Some(claim) = self.selected_claim() else {
            self.say(MessageKind::Error, "no claim selected".into());
            return;
        };
        let id = self.session.review.model.claims[claim].id.clone();
        if let Ok(previous) = self.save(&id, status, note) {
            self.say(
                MessageKind::Saved,
                format!("saved: {id} {}", status.as_str()),
            );
            self.undo.push((id, previous));
        }
    }

    /// Undo this session's last decision by appending the status and note it replaced.
    fn undo(&mut self) {
        let Some((id, previous)) = self.undo.pop() else {
            self.say(MessageKind::Info, "nothing to undo in this session".into());
            return;
        };
        let (status, note) = previous
            .as_ref()
            .map_or((Status::Unreviewed, None), |d| (d.status, d.note.clone()));
        match self.save(&id, status, note) {
            Ok(_) => self.say(
                MessageKind::Saved,
                format!("undone: {id} is {} again", status.as_str()),
            ),
            Err(()) => self.undo.push((id, previous)),
        }
    }

    /// Append a decision to the journal and apply it; on failure say so and change nothing.
    fn save(
        &mut self,
        id: &str,
        status: Status,
        note: Option<String>,
    ) -> Result<Option<Decision>, ()> {
        let decision = Decision {
            at: (self.now)(),
            ..self.session.decision(id, status, note)
        };
        match self.session.record(decision) {
            Ok(previous) => {
                self.refresh_topics();
                Ok(previous)
            }
            Err(e) => {
                self.say(MessageKind::Error, format!("NOT SAVED: {e}"));
                Err(())
            }
        }
    }

    fn say(&mut self, kind: MessageKind, text: String) {
        self.message = Some(Message { kind, text });
    }

    /// Load the claim files again; decisions follow their claims by id.
    fn reload(&mut self) {
        let topic_id = self
            .selected_topic()
            .map(|t| self.session.review.model.topics[t].id.clone());
        let claim_id = self
            .selected_claim()
            .map(|c| self.session.review.model.claims[c].id.clone());
        if let Err(e) = self.session.reload() {
            self.say(MessageKind::Error, format!("reload failed: {e}"));
            return;
        }
        self.text_cache = None;
        self.notices = self.session.notices();
        self.rebuild();
        if let Some(row) = topic_id.and_then(|id| {
            self.topics
                .iter()
                .position(|&t| self.session.review.model.topics[t].id == id)
        }) {
            self.topic = row;
        }
        if let Some(i) = claim_id.and_then(|id| {
            self.topic_claims()
                .iter()
                .position(|&c| self.session.review.model.claims[c].id == id)
        }) {
            self.claim = i;
        }
        self.select_claim(self.claim);
        let m = &self.session.review.model;
        self.say(
            MessageKind::Info,
            format!(
                "reloaded {} file(s): {} claims, {} topics",
                m.files.len(),
                m.claims.len(),
                m.topics.len()
            ),
        );
    }

    /// After the model changed: search text, then the topic list.
    fn rebuild(&mut self) {
        let model = std::sync::Arc::clone(&self.session.review.model);
        let claims_of: Vec<Vec<usize>> = self
            .session
            .review
            .analysis
            .topics
            .iter()
            .map(|t| t.claims.clone())
            .collect();
        self.haystacks = Haystacks::Building(std::thread::spawn(move || {
            build_haystacks(&model, &claims_of)
        }));
        self.refresh_topics();
    }

    /// The search text, waiting for it if it is still being built.
    fn ensure_haystacks(&mut self) {
        if let Haystacks::Building(_) = self.haystacks {
            let Haystacks::Building(handle) =
                std::mem::replace(&mut self.haystacks, Haystacks::Ready(Vec::new()))
            else {
                return;
            };
            self.haystacks = Haystacks::Ready(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
    }

    /// Recompute the topics shown (filter, search, sort), keeping the selection where it can.
    fn refresh_topics(&mut self) {
        let selected = self.selected_topic();
        let needle = self.search.to_lowercase();
        if !needle.is_empty() {
            self.ensure_haystacks();
        }
        let haystacks: &[String] = match &self.haystacks {
            Haystacks::Ready(h) => h,
            Haystacks::Building(_) => &[],
        };
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut topics: Vec<usize> = (0..self.session.review.model.topics.len())
            .filter(|&t| self.passes_filter(t))
            .filter(|&t| {
                needle.is_empty()
                    || haystacks
                        .get(t)
                        .is_some_and(|h| finder.find(h.as_bytes()).is_some())
            })
            .collect();
        match self.sort {
            Sort::FileOrder => {}
            Sort::Spread => topics.sort_by(|&a, &b| {
                let spread = |t: usize| {
                    self.session.review.analysis.topics[t]
                        .spread
                        .unwrap_or(-1.0)
                };
                spread(b).total_cmp(&spread(a))
            }),
            Sort::Unreviewed => topics.sort_by_key(|&t| {
                std::cmp::Reverse(
                    self.session.review.analysis.topics[t].claims.len() - self.reviewed_in(t),
                )
            }),
        }
        self.topics = topics;
        match selected.and_then(|s| self.topics.iter().position(|&t| t == s)) {
            Some(row) => self.topic = row,
            None => {
                self.topic = self.topic.min(self.topics.len().saturating_sub(1));
                self.claim = 0;
                self.claim_offset = 0;
            }
        }
        self.claim = self.claim.min(self.topic_claims().len().saturating_sub(1));
        self.scroll_into_view();
        self.refresh_context();
    }

    fn passes_filter(&self, t: usize) -> bool {
        let analysis = &self.session.review.analysis.topics[t];
        let any = |s: Status| {
            analysis
                .claims
                .iter()
                .any(|&c| self.session.review.status(c) == s)
        };
        match self.filter {
            Filter::All => true,
            Filter::Conflicts => analysis.verdict == Verdict::Conflict,
            Filter::Unreviewed => any(Status::Unreviewed),
            Filter::Disputed => any(Status::Disputed),
            Filter::Verified => any(Status::Verified),
        }
    }

    /// The selected claim's quote in its report text, read when shown.
    fn refresh_context(&mut self) {
        let Some(c) = self.selected_claim() else {
            self.context = Context::Unavailable("no claim selected".into());
            return;
        };
        let report = self.session.review.model.claims[c].report;
        let cached = matches!(&self.text_cache, Some((r, _)) if *r == report);
        if !cached {
            let text = self.session.review.model.reports[report]
                .text
                .as_ref()
                .and_then(|p| load::read::text_file(p).ok());
            self.text_cache = Some((report, text));
        }
        let text = self.text_cache.as_ref().and_then(|(_, t)| t.as_deref());
        self.context = match text {
            None if self.session.review.model.reports[report].text.is_none() => {
                Context::Unavailable("the report has no `text` file".into())
            }
            None => Context::Unavailable("the report's text file cannot be read".into()),
            Some(text) => context_around(text, &self.session.review.model.claims[c].quote),
        };
    }

    fn click(&mut self, x: u16, y: u16) {
        let Some(areas) = self.areas() else { return };
        let inside = |r: Rect| x >= r.x && x < r.x + r.width && y > r.y && y + 1 < r.y + r.height;
        if inside(areas.topics) {
            let row = self.topic_offset + usize::from(y - areas.topics.y - 1);
            if row < self.topics.len() {
                self.select_topic(row);
            }
        } else if inside(areas.comparison) {
            let columns = layout::columns(areas.comparison);
            let across = usize::from(x - areas.comparison.x) * columns
                / usize::from(areas.comparison.width.max(1));
            let column = across.min(columns - 1);
            let i = self.claim_offset + column;
            if i < self.topic_claims().len() {
                self.select_claim(i);
            }
        }
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let Some(areas) = self.areas() else { return };
        let over_comparison = areas
            .comparison
            .contains(ratatui::layout::Position { x, y });
        match (over_comparison, down) {
            (true, true) => self.update(Action::NextClaim),
            (true, false) => self.update(Action::PrevClaim),
            (false, true) => self.update(Action::NextTopic),
            (false, false) => self.update(Action::PrevTopic),
        }
    }
}

/// Lowercased search text per topic, built on another thread so that the first frame does not
/// wait for it; the first search waits if it must.
enum Haystacks {
    Building(std::thread::JoinHandle<Vec<String>>),
    Ready(Vec<String>),
}

/// Each topic's id and question, and its claims' ids, quotes and sources, lowercased.
fn build_haystacks(model: &crate::model::Model, claims_of: &[Vec<usize>]) -> Vec<String> {
    model
        .topics
        .iter()
        .zip(claims_of)
        .map(|(topic, claims)| {
            let mut text = format!("{} {}", topic.id, topic.question);
            for &c in claims {
                let claim = &model.claims[c];
                for part in [claim.id.as_str(), claim.quote.as_str()] {
                    text.push(' ');
                    text.push_str(part);
                }
                for s in model.chain(claim) {
                    text.push(' ');
                    text.push_str(&s.id);
                    text.push(' ');
                    text.push_str(&s.name);
                }
            }
            text.to_lowercase()
        })
        .collect()
}

/// The quote with about 300 characters of text either side, sanitised.
fn context_around(text: &str, quote: &str) -> Context {
    const AROUND: usize = 300;
    let Some(range) = load::quote::locate(text, quote) else {
        return Context::Unavailable("the quote is not in the report text".into());
    };
    let start = text[..range.start]
        .char_indices()
        .rev()
        .nth(AROUND)
        .map_or(0, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .nth(AROUND)
        .map_or(text.len(), |(i, _)| range.end + i);
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    Context::Found {
        before: format!(
            "{}{}",
            ellipsis(start > 0),
            sanitize::line(&text[start..range.start])
        ),
        quote: sanitize::line(&text[range.clone()]).into_owned(),
        after: format!(
            "{}{}",
            sanitize::line(&text[range.end..end]),
            ellipsis(end < text.len())
        ),
    }
}
