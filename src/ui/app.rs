//! The screen's state and `update`, which carries out one action; nothing here draws. Claims
//! and decisions are reached through the `Session` (load, store, record, reload, refresh: what
//! others saved comes in on `Action::Tick`).

use std::path::Path;

use ratatui::layout::{Margin, Rect};

use crate::decision::{Decision, Status};
use crate::export;
use crate::format;
use crate::session::{News, Notice, Session};
use crate::ui::action::Action;
use crate::ui::context::{Context, ReportTexts, Room};
use crate::ui::dialog::Outcome;
use crate::ui::dialog::export::{ExportDialog, ExportRequest};
use crate::ui::dialog::note::NoteDialog;
use crate::ui::dialog::search::SearchPrompt;
use crate::ui::layout;
use crate::ui::timeline::Timeline;
use crate::ui::view::{self, Desk, Field, TopicCounts, View, Viewer};

/// Which drafts a key acts on.
#[derive(Clone, Copy)]
enum Draft {
    Selected,
    OfTopic,
}

pub enum Mode {
    Normal,
    Help,
    Search(Box<SearchPrompt>),
    Note(Box<NoteDialog>),
    Export(Box<ExportDialog>),
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

pub struct App {
    /// The claims, the decisions in force and the store they are saved in.
    pub session: Session,
    now: fn() -> jiff::Timestamp,
    /// The terminal size, for paging and for the layout the mouse is read by.
    pub size: Rect,
    pub mode: Mode,
    /// The filter, sort and search, and the topics they show.
    pub view: View,
    /// The selected row of `view.topics` (not a model index), and the first row shown.
    pub topic_row: usize,
    pub topic_offset: usize,
    /// The selected claim's place among the selected topic's claims (not a model index), and
    /// the first of them shown.
    pub claim_column: usize,
    pub claim_offset: usize,
    /// This session's decisions and draft changes, for undo.
    undo: Vec<UndoStep>,
    pub message: Option<Message>,
    /// Lasting notices: a read-only journal, a torn entry set aside, orphaned decisions.
    pub notices: Vec<Notice>,
    pub context: Context,
    texts: ReportTexts,
    /// Where the search matched in the selected topic, and for which topic and search.
    pub search_match: Option<Field>,
    matched_for: Option<(usize, String)>,
    /// The timeline in place of the common scale (`t`).
    pub show_timeline: bool,
    /// The selected topic's timeline while it is shown, built when the topic or its decisions
    /// change and placed when the pane's height does.
    pub timeline: Option<Timeline>,
    /// The selected topic's superseded claims, drafts and stale decisions, counted when the
    /// topic or its decisions change.
    pub topic_counts: Option<TopicCounts>,
    pub quit: bool,
    /// Colours on (off under NO_COLOR): a help, never the only signal.
    pub color: bool,
    /// `A` pressed once: the next `A` accepts the topic's drafts, anything else forgets it.
    armed: bool,
    /// A file to open in the editor at a line, for the terminal loop to carry out.
    pub editor_request: Option<(std::path::PathBuf, u32)>,
    /// An export to write, for the terminal loop to carry out once the screen says so (a
    /// summary of a million claims takes seconds).
    pub export_request: Option<(export::Format, std::path::PathBuf)>,
    /// The desk's decisions as the header and the topic list show them, counted when decisions
    /// change.
    pub desk: Desk,
    /// The time when the last action came, for "3 min ago": drawing never reads the clock.
    pub looked_at: jiff::Timestamp,
    /// The last failure to read what others saved, said once until it changes or ends.
    refresh_error: Option<String>,
    /// How many times something other than a key changed what is shown (others' decisions, a
    /// failure to read them, the minute): the terminal loop draws again when it moves.
    pub outside_changes: u64,
    /// Others' decisions that came in with one of ours, said with it.
    news_with_save: Option<String>,
}

/// What `u` takes back: a decision (appending what it replaced), or changes to claim files.
enum UndoStep {
    Decision {
        claim: String,
        previous: Option<Decision>,
    },
    Edits(Vec<crate::edit::Edit>),
}

impl App {
    pub fn new(session: Session) -> Self {
        let viewer = Viewer {
            reviewer: session.reviewer().to_string(),
            blind: false,
        };
        let view = View::new(&session.review, viewer);
        let desk = Desk::count(&session.review, &view.viewer);
        let mut app = Self {
            session,
            now: jiff::Timestamp::now,
            size: Rect::new(0, 0, 120, 40),
            mode: Mode::Normal,
            view,
            topic_row: 0,
            topic_offset: 0,
            claim_column: 0,
            claim_offset: 0,
            undo: Vec::new(),
            message: None,
            notices: Vec::new(),
            context: Context::Unavailable(String::new()),
            texts: ReportTexts::default(),
            search_match: None,
            matched_for: None,
            show_timeline: false,
            timeline: None,
            topic_counts: None,
            quit: false,
            armed: false,
            editor_request: None,
            export_request: None,
            color: true,
            desk,
            looked_at: jiff::Timestamp::now(),
            refresh_error: None,
            outside_changes: 0,
            news_with_save: None,
        };
        app.notices = app.session.notices();
        app.refresh_topics();
        app
    }

    /// Blind second review (`--blind`): other reviewers' decisions on a claim are hidden until
    /// this session's reviewer has decided it.
    pub fn with_blind(mut self, blind: bool) -> Self {
        // What is shown is counted and filtered again only when it changes (not twice at start).
        if blind != self.view.viewer.blind {
            self.view.viewer.blind = blind;
            self.decisions_changed(false);
        }
        self
    }

    /// Whether the review is blind (`--blind`).
    pub fn is_blind(&self) -> bool {
        self.view.viewer.blind
    }

    /// A fixed clock, for tests.
    pub fn with_clock(mut self, now: fn() -> jiff::Timestamp) -> Self {
        self.now = now;
        self.looked_at = now();
        self
    }

    /// Where decisions are saved, for the header.
    pub fn journal_location(&self) -> String {
        self.session.location()
    }

    /// Where exports go by default, and relative export paths start from: beside the journal.
    pub fn export_dir(&self) -> &Path {
        self.session.home()
    }

    pub fn is_read_only(&self) -> bool {
        self.session.is_read_only()
    }

    /// The selected topic's index in the model.
    pub fn selected_topic(&self) -> Option<usize> {
        self.view.topics.get(self.topic_row).copied()
    }

    /// The claims of the selected topic (indices into the model's claims).
    pub fn topic_claims(&self) -> &[usize] {
        self.selected_topic()
            .map_or(&[], |t| &self.session.review.analysis.topics[t].claims)
    }

    /// The selected claim's index in the model.
    pub fn selected_claim(&self) -> Option<usize> {
        self.topic_claims().get(self.claim_column).copied()
    }

    /// Reviewed (verified or disputed) claims of a topic, as far as this reviewer may see.
    pub fn reviewed_in(&self, topic: usize) -> usize {
        self.desk.reviewed.get(topic).map_or(0, |&n| n as usize)
    }

    /// Claims of a topic on which reviewers disagree, as far as this reviewer may see.
    pub fn disagreements_in(&self, topic: usize) -> usize {
        self.desk
            .disagreements
            .get(topic)
            .map_or(0, |&n| n as usize)
    }

    /// The panes at the current size, as they are drawn.
    pub fn areas(&self) -> Option<layout::Areas> {
        self.areas_at(self.size)
    }

    /// The panes on a screen of this size.
    pub fn areas_at(&self, area: Rect) -> Option<layout::Areas> {
        layout::areas(
            area,
            layout::Content {
                topics: self.view.topics.len(),
                claims: self.topic_claims().len(),
                timeline: self.timeline.as_ref().map(Timeline::wanted_rows),
            },
        )
    }

    /// Carry out one action. A resize is the same in every mode; other actions are the open
    /// dialog's, or else the topics'.
    pub fn update(&mut self, action: Action) {
        let before = std::mem::replace(&mut self.looked_at, (self.now)());
        if action == Action::Tick {
            // "3 min ago" is drawn again when the minute turns.
            if before.as_second() / 60 != self.looked_at.as_second() / 60 {
                self.outside_changes += 1;
            }
            self.look_for_news();
            return;
        }
        if let Action::Resize(w, h) = action {
            self.size = Rect::new(0, 0, w, h);
            self.selection_changed();
            return;
        }
        match &mut self.mode {
            Mode::Normal => self.update_normal(action),
            Mode::Help => {
                if matches!(action, Action::Back | Action::ToggleHelp | Action::Quit) {
                    self.mode = Mode::Normal;
                }
            }
            Mode::Search(prompt) => {
                let outcome = prompt.handle(action);
                let typed = prompt.text();
                self.after_search(outcome, typed);
            }
            Mode::Note(dialog) => {
                let outcome = dialog.handle(action);
                self.after_note(outcome);
            }
            Mode::Export(dialog) => {
                let outcome = dialog.handle(action);
                self.after_export(outcome);
            }
        }
    }

    fn update_normal(&mut self, action: Action) {
        self.message = None;
        // `A` asks first: any other key forgets the question.
        if action != Action::AcceptTopicDrafts {
            self.armed = false;
        }
        match action {
            Action::NextTopic => self.select_topic(self.topic_row.saturating_add(1)),
            Action::PrevTopic => self.select_topic(self.topic_row.saturating_sub(1)),
            Action::PageDown => self.select_topic(self.topic_row.saturating_add(self.page())),
            Action::PageUp => self.select_topic(self.topic_row.saturating_sub(self.page())),
            Action::FirstTopic => self.select_topic(0),
            Action::LastTopic => self.select_topic(self.view.topics.len().saturating_sub(1)),
            Action::SelectTopicRow(row) => self.select_topic(row),
            Action::NextClaim => self.select_claim(self.claim_column.saturating_add(1)),
            Action::PrevClaim => self.select_claim(self.claim_column.saturating_sub(1)),
            Action::SelectClaimColumn(i) => self.select_claim(i),
            Action::MarkVerified => self.mark(Status::Verified),
            Action::MarkDisputed => self.mark(Status::Disputed),
            Action::ClearMark => self.mark(Status::Unreviewed),
            Action::EditNote => self.start_note(),
            Action::Undo => self.undo(),
            Action::StartSearch => {
                self.mode = Mode::Search(Box::new(SearchPrompt::new(&self.view.search)));
            }
            Action::CycleFilter => {
                self.view.filter = self.view.filter.next();
                self.refresh_topics();
            }
            Action::CycleSort => {
                self.view.sort = self.view.sort.next();
                self.refresh_topics();
            }
            Action::AcceptDraft => self.settle_drafts(Draft::Selected, true),
            Action::RejectDraft => self.settle_drafts(Draft::Selected, false),
            Action::AcceptTopicDrafts => self.accept_topic_drafts(),
            Action::OpenInEditor => self.open_in_editor(),
            Action::ToggleTimeline => {
                self.show_timeline = !self.show_timeline;
                self.selection_changed();
            }
            Action::Reload => self.reload(),
            Action::Export => self.start_export(),
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::Quit => self.quit = true,
            Action::Back if self.view.search.is_empty() => self.quit = true,
            Action::Back => self.search_for(String::new()),
            Action::Submit
            | Action::ClearInput
            | Action::NextFormat
            | Action::PrevFormat
            | Action::Input(_)
            | Action::Resize(..)
            | Action::Tick => {}
        }
    }

    /// The search follows what is typed; Enter keeps it, Esc clears it.
    fn after_search(&mut self, outcome: Outcome<String>, typed: String) {
        match outcome {
            Outcome::Continue => {
                if typed != self.view.search {
                    self.search_for(typed);
                }
            }
            Outcome::Save(_) => self.mode = Mode::Normal,
            Outcome::Cancel => {
                self.mode = Mode::Normal;
                self.search_for(String::new());
            }
        }
    }

    /// Search for `text`, and select the first claim it matches in the selected topic.
    fn search_for(&mut self, text: String) {
        self.view.search = text;
        self.refilter();
        self.refresh_match();
        if let Some(i) = self.search_match.and_then(Field::claim) {
            self.claim_column = i;
        }
        self.selection_changed();
    }

    fn after_note(&mut self, outcome: Outcome<Option<String>>) {
        match outcome {
            Outcome::Continue => {}
            Outcome::Save(note) => {
                self.mode = Mode::Normal;
                // A note goes with this reviewer's own status, never with another's.
                let status = self
                    .selected_claim()
                    .and_then(|c| self.own_decision(c))
                    .map_or(Status::Unreviewed, |d| d.status);
                self.decide(status, note);
            }
            Outcome::Cancel => {
                self.mode = Mode::Normal;
                self.say(MessageKind::Info, "note not changed".into());
            }
        }
    }

    fn after_export(&mut self, outcome: Outcome<ExportRequest>) {
        match outcome {
            Outcome::Continue => {}
            Outcome::Save(request) => {
                self.mode = Mode::Normal;
                match request.path {
                    Some(path) => {
                        let text = format!(
                            "writing the {} summary to {}…",
                            request.format.name(),
                            path.display()
                        );
                        self.say(MessageKind::Info, text);
                        self.export_request = Some((request.format, path));
                    }
                    None => self.say(MessageKind::Error, "NOT WRITTEN: no file name given".into()),
                }
            }
            Outcome::Cancel => {
                self.mode = Mode::Normal;
                self.say(MessageKind::Info, "export cancelled".into());
            }
        }
    }

    /// Write the export asked for, if any (the terminal loop calls it once the screen shows
    /// that it is being written).
    pub fn write_requested_export(&mut self) {
        if let Some((format, path)) = self.export_request.take() {
            self.write_export(format, &path);
        }
    }

    fn start_export(&mut self) {
        let dir = self.export_dir();
        self.mode = Mode::Export(Box::new(ExportDialog::new(dir)));
    }

    /// Write the summary as `export` does (JSON as it is made, not held whole first).
    fn write_export(&mut self, format: export::Format, path: &Path) {
        let review = &self.session.review;
        let options = export::Options::default();
        let written =
            export::write_file_with(path, |out| export::write(review, format, &options, out));
        let shown = path.display();
        match written {
            Ok(()) => self.say(
                MessageKind::Saved,
                format!("wrote the {} summary to {shown}", format.name()),
            ),
            Err(e) => {
                let why = crate::fs_error::explained(&e, path, crate::fs_error::Access::Write);
                self.say(MessageKind::Error, format!("NOT WRITTEN: {shown}: {why}"));
            }
        }
    }

    fn page(&self) -> usize {
        self.areas().map_or(10, |a| layout::topic_rows(a.topics))
    }

    fn select_topic(&mut self, row: usize) {
        let row = row.min(self.view.topics.len().saturating_sub(1));
        if row != self.topic_row {
            self.topic_row = row;
            self.claim_offset = 0;
            // Under a search, the claim it matched; else the first.
            self.claim_column = self
                .selected_topic()
                .and_then(|t| view::first_match(&self.session.review, t, &self.view.search))
                .and_then(Field::claim)
                .unwrap_or(0);
        }
        self.selection_changed();
    }

    fn select_claim(&mut self, i: usize) {
        self.claim_column = i.min(self.topic_claims().len().saturating_sub(1));
        self.selection_changed();
    }

    /// After the selection, the view or the size changed: timeline, scroll, context, search
    /// match.
    fn selection_changed(&mut self) {
        self.refresh_topic_caches();
        self.scroll_into_view();
        self.refresh_context();
        self.refresh_match();
    }

    /// The selected topic's counts, and its timeline while it is shown: built again only for
    /// another topic (or after decisions and reloads, which drop them), the timeline placed
    /// again only for another height.
    fn refresh_topic_caches(&mut self) {
        match self.selected_topic() {
            Some(t) if self.topic_counts.is_none_or(|c| c.topic != t) => {
                self.topic_counts =
                    Some(TopicCounts::of(&self.session.review, &self.view.viewer, t));
            }
            Some(_) => {}
            None => self.topic_counts = None,
        }
        let topic = self.selected_topic().filter(|_| self.show_timeline);
        let Some(topic) = topic else {
            self.timeline = None;
            return;
        };
        if self.timeline.as_ref().is_none_or(|t| t.topic != topic) {
            self.timeline = Some(Timeline::build(
                &self.session.review,
                &self.view.viewer,
                topic,
            ));
        }
        let height = self
            .areas()
            .map_or(0, |a| usize::from(a.scale.height.saturating_sub(2)));
        if let Some(timeline) = &mut self.timeline {
            timeline.place(height);
        }
    }

    /// Where the search matches in the selected topic, found again only when either changed.
    fn refresh_match(&mut self) {
        let Some(topic) = self.selected_topic() else {
            self.search_match = None;
            self.matched_for = None;
            return;
        };
        let key = (topic, self.view.search.clone());
        if self.matched_for.as_ref() != Some(&key) {
            self.search_match = view::first_match(&self.session.review, topic, &self.view.search);
            self.matched_for = Some(key);
        }
    }

    /// Keep the selected topic row and claim column on screen.
    fn scroll_into_view(&mut self) {
        let Some(areas) = self.areas() else { return };
        let rows = layout::topic_rows(areas.topics);
        if self.topic_row < self.topic_offset {
            self.topic_offset = self.topic_row;
        } else if self.topic_row >= self.topic_offset + rows {
            self.topic_offset = self.topic_row + 1 - rows;
        }
        let columns = layout::columns(areas.comparison);
        if self.claim_column < self.claim_offset {
            self.claim_offset = self.claim_column;
        } else if self.claim_column >= self.claim_offset + columns {
            self.claim_offset = self.claim_column + 1 - columns;
        }
    }

    /// This reviewer's own decision on a claim, unless it is stale.
    fn own_decision(&self, claim: usize) -> Option<crate::review::Decided<'_>> {
        self.view.viewer.own(&self.session.review, claim)
    }

    /// Record a new status for the selected claim, keeping this reviewer's note on it.
    fn mark(&mut self, status: Status) {
        let note = self
            .selected_claim()
            .and_then(|c| self.own_decision(c))
            .and_then(|d| d.note.map(str::to_string));
        self.decide(status, note);
    }

    fn start_note(&mut self) {
        let Some(claim) = self.selected_claim() else {
            return;
        };
        let note = self
            .own_decision(claim)
            .and_then(|d| d.note)
            .unwrap_or_default();
        let dialog = NoteDialog::new(&self.session.review.model.claims[claim].id, note);
        self.mode = Mode::Note(Box::new(dialog));
    }

    /// Save a decision on the selected claim; only a saved decision is shown as one.
    fn decide(&mut self, status: Status, note: Option<String>) {
        let Some(claim) = self.selected_claim() else {
            self.say(MessageKind::Error, "no claim selected".into());
            return;
        };
        let id = self.session.review.model.claims[claim].id.clone();
        // Undo gives back this reviewer's own decision, not another's that was in force.
        let previous = self.own_decision(claim).map(|d| d.to_decision());
        if self.save(&id, status, note).is_ok() {
            self.say_saved(format!("saved: {id} {}", status.as_str()));
            self.undo.push(UndoStep::Decision {
                claim: id,
                previous,
            });
        }
    }

    /// The drafts `which` names, by id.
    fn drafts(&self, which: Draft) -> Vec<String> {
        let model = &self.session.review.model;
        let ids = |claims: &[usize]| -> Vec<String> {
            claims
                .iter()
                .filter(|&&c| model.claims[c].draft)
                .map(|&c| model.claims[c].id.clone())
                .collect()
        };
        match which {
            Draft::Selected => ids(self.selected_claim().as_slice()),
            Draft::OfTopic => ids(self.topic_claims()),
        }
    }

    /// Accept or reject drafts in their files, reload, and say what was done.
    fn settle_drafts(&mut self, which: Draft, accept: bool) {
        let ids = self.drafts(which);
        if ids.is_empty() {
            let what = match which {
                Draft::Selected => "the selected claim is not a draft",
                Draft::OfTopic => "this topic has no drafts",
            };
            self.say(MessageKind::Info, what.into());
            return;
        }
        let selected = self.selected_ids();
        let (edits, failed) = self.session.settle_drafts(&ids, accept);
        let done = edits.len();
        if !edits.is_empty() {
            self.undo.push(UndoStep::Edits(edits));
        }
        self.notices = self.session.notices();
        self.reloaded(selected);
        let verb = if accept { "accepted" } else { "rejected" };
        let text = match (&failed, ids.as_slice()) {
            (None, [one]) if accept => {
                format!("{verb}: {one} (no longer a draft in its file; u takes it back)")
            }
            (None, [one]) => format!("{verb}: {one} (removed from its file; u takes it back)"),
            (None, _) => format!(
                "{verb} {} (u takes them back)",
                format::count(done, "draft", "drafts")
            ),
            (Some(e), _) => format!(
                "NOT WRITTEN: {e} ({verb} {} before)",
                format::count(done, "draft", "drafts")
            ),
        };
        let kind = if failed.is_some() {
            MessageKind::Error
        } else {
            MessageKind::Saved
        };
        self.say(kind, text);
    }

    /// `A` once asks, `A` again accepts every draft of the topic.
    fn accept_topic_drafts(&mut self) {
        if !std::mem::take(&mut self.armed) {
            let n = self.drafts(Draft::OfTopic).len();
            if n == 0 {
                self.say(MessageKind::Info, "this topic has no drafts".into());
                return;
            }
            self.armed = true;
            self.say(
                MessageKind::Info,
                format!(
                    "accept {} of this topic? press A again to confirm, any other key to cancel",
                    format::count(n, "draft", "all drafts")
                ),
            );
            return;
        }
        self.settle_drafts(Draft::OfTopic, true);
    }

    /// Ask the terminal loop to open the selected claim's file at its line.
    fn open_in_editor(&mut self) {
        let Some(c) = self.selected_claim() else {
            self.say(MessageKind::Error, "no claim selected".into());
            return;
        };
        let model = &self.session.review.model;
        let pos = model.claims[c].pos;
        self.editor_request = Some((model.files[pos.file].clone(), pos.line));
    }

    /// After the editor closed: the files are read again.
    pub fn edited(&mut self, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.reload(),
            Err(e) => self.say(MessageKind::Error, format!("the editor could not run: {e}")),
        }
    }

    /// Undo this session's last decision by appending the status and note it replaced, go to
    /// the claim it was on, and say what is back.
    fn undo(&mut self) {
        let (id, previous) = match self.undo.pop() {
            None => {
                self.say(MessageKind::Info, "nothing to undo in this session".into());
                return;
            }
            Some(UndoStep::Edits(edits)) => return self.undo_edits(edits),
            Some(UndoStep::Decision { claim, previous }) => (claim, previous),
        };
        let (status, note) = previous
            .as_ref()
            .map_or((Status::Unreviewed, None), |d| (d.status, d.note.clone()));
        let replaced = self
            .session
            .review
            .claim(&id)
            .and_then(|c| self.own_decision(c))
            .map(|d| d.to_decision());
        match self.save(&id, status, note.clone()) {
            Ok(_) => {
                let widened = self.go_to_claim(&id);
                let replaced_note = replaced.and_then(|d| d.note);
                let mut text = format!(
                    "undone: {id} is {} again{}",
                    status.as_str(),
                    note_change(note.as_deref(), replaced_note.as_deref())
                );
                if widened {
                    text.push_str(" (filter and search cleared to show it)");
                }
                self.say_saved(text);
            }
            Err(()) => self.undo.push(UndoStep::Decision {
                claim: id,
                previous,
            }),
        }
    }

    /// Take draft changes back in their files, and go to the (first) claim again.
    fn undo_edits(&mut self, edits: Vec<crate::edit::Edit>) {
        let selected = self.selected_ids();
        match self.session.take_back(&edits) {
            Ok(()) => {
                self.notices = self.session.notices();
                self.reloaded(selected);
                self.say(
                    MessageKind::Saved,
                    format!(
                        "undone: {} as before",
                        format::count(edits.len(), "file", "files")
                    ),
                );
            }
            Err(e) => {
                self.say(MessageKind::Error, format!("NOT UNDONE: {e}"));
                self.undo.push(UndoStep::Edits(edits));
            }
        }
    }

    /// Select a claim by id, clearing the filter and search if they hide it. Returns whether
    /// they were cleared.
    fn go_to_claim(&mut self, id: &str) -> bool {
        let Some(claim) = self.session.review.claim(id) else {
            return false;
        };
        let topic = self.session.review.model.claims[claim].topic;
        let widen = self.view.row_of(topic).is_none() && self.view.narrowed();
        if widen {
            self.view.widen(&self.session.review);
        }
        let Some(row) = self.view.row_of(topic) else {
            return widen;
        };
        if row != self.topic_row {
            self.topic_row = row;
            self.claim_offset = 0;
        }
        self.claim_column = self.session.review.analysis.topics[topic]
            .claims
            .iter()
            .position(|&c| c == claim)
            .unwrap_or(0);
        self.selection_changed();
        widen
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
        let result = self.session.record(decision);
        // A journal replaced on disk was reopened and replayed: the notices say so.
        self.notices = self.session.notices();
        match result {
            Ok(previous) => {
                // Others' decisions saved just before ours came in with it: said with it.
                if let Ok(news) = self.session.refresh()
                    && !news.is_empty()
                {
                    self.news_with_save = Some(self.news_text(&news));
                }
                // A decision can end a stale one: its counts and marks are built again.
                self.decisions_changed(false);
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

    /// Say a decision was saved, and what others saved that came in with it.
    fn say_saved(&mut self, mut text: String) {
        if let Some(news) = self.news_with_save.take() {
            text.push_str(" · ");
            text.push_str(&news);
        }
        self.say(MessageKind::Saved, text);
    }

    /// Put in force what others saved since the last look, and say so; a failure to read it is
    /// said once, and the screen goes on with what it has.
    fn look_for_news(&mut self) {
        match self.session.refresh() {
            Ok(news) => {
                if self.refresh_error.take().is_some() {
                    // The store answers again (a database reconnected): say so, once.
                    self.say(
                        MessageKind::Info,
                        format!(
                            "{} is back: decisions are saved again",
                            self.session.location()
                        ),
                    );
                    self.outside_changes += 1;
                }
                if !news.is_empty() {
                    self.notices = self.session.notices();
                    self.decisions_changed(true);
                    let text = self.news_text(&news);
                    // An error stays until the next key: it matters more.
                    if self
                        .message
                        .as_ref()
                        .is_none_or(|m| m.kind != MessageKind::Error)
                    {
                        self.say(MessageKind::Info, text);
                    }
                    self.outside_changes += 1;
                }
            }
            Err(e) => {
                // Said once until the store answers again (a reconnecting database words its
                // reason differently from one look to the next), and never over another
                // error, such as a decision NOT SAVED.
                let text = e.to_string();
                let showing_error = self
                    .message
                    .as_ref()
                    .is_some_and(|m| m.kind == MessageKind::Error);
                if self.refresh_error.is_none() && !showing_error {
                    self.say(
                        MessageKind::Error,
                        format!("others' decisions cannot be read: {text}"),
                    );
                    self.outside_changes += 1;
                }
                self.refresh_error = Some(text);
            }
        }
    }

    /// Others' decisions in words: `kim disputed budanov-troops-11000 (and 2 more decisions from
    /// elsewhere)`; in a blind review, those on claims this reviewer has not decided are only
    /// counted.
    fn news_text(&self, news: &News) -> String {
        let review = &self.session.review;
        let viewer = &self.view.viewer;
        let (shown, hidden): (Vec<_>, Vec<_>) = news.decisions.iter().cloned().partition(|d| {
            review
                .claim(&d.claim)
                .is_none_or(|c| viewer.sees(review, c))
        });
        let mut parts = Vec::new();
        if !shown.is_empty() {
            let shown = News {
                decisions: shown,
                replayed: false,
            };
            parts.push(shown.to_string());
        }
        if !hidden.is_empty() {
            parts.push(format::hidden_news(hidden.len()));
        }
        if news.replayed {
            parts.push(format::JOURNAL_READ_AGAIN.to_string());
        }
        parts.join(" · ")
    }

    /// After decisions changed (ours, others', or how they are seen): the desk counted again,
    /// the selected topic's counts and timeline built again, the topics filtered again. With
    /// `keep`, the selected topic stays shown (and so the selected claim) even if the filter
    /// would now leave it out: others' decisions never pull the claim from under the reviewer.
    fn decisions_changed(&mut self, keep: bool) {
        self.timeline = None;
        self.topic_counts = None;
        self.desk = Desk::count(&self.session.review, &self.view.viewer);
        let kept = self.selected_topic().filter(|_| keep);
        self.refilter_keeping(kept);
        self.selection_changed();
    }

    /// Load the claim files again; decisions follow their claims by id.
    fn reload(&mut self) {
        let selected = self.selected_ids();
        if let Err(e) = self.session.reload() {
            self.say(MessageKind::Error, format!("reload failed: {e}"));
            return;
        }
        self.notices = self.session.notices();
        self.reloaded(selected);
    }

    /// The ids of the selected topic and claim, to find them again after a reload.
    fn selected_ids(&self) -> (Option<String>, Option<String>) {
        let model = &self.session.review.model;
        (
            self.selected_topic().map(|t| model.topics[t].id.clone()),
            self.selected_claim().map(|c| model.claims[c].id.clone()),
        )
    }

    /// After the model was replaced: a new search index and view, the selection found again
    /// by id, and what was loaded said.
    fn reloaded(&mut self, (topic_id, claim_id): (Option<String>, Option<String>)) {
        self.texts.forget();
        self.matched_for = None;
        self.timeline = None;
        self.topic_counts = None;
        self.desk = Desk::count(&self.session.review, &self.view.viewer);
        self.view.rebuild(&self.session.review);
        let model = std::sync::Arc::clone(&self.session.review.model);
        if let Some(row) = topic_id.and_then(|id| {
            self.view
                .topics
                .iter()
                .position(|&t| model.topics[t].id == id)
        }) {
            self.topic_row = row;
        }
        self.topic_row = self.topic_row.min(self.view.topics.len().saturating_sub(1));
        if let Some(i) = claim_id.and_then(|id| {
            self.topic_claims()
                .iter()
                .position(|&c| model.claims[c].id == id)
        }) {
            self.claim_column = i;
        }
        self.select_claim(self.claim_column);
        self.say(
            MessageKind::Info,
            format!(
                "reloaded {}: {}, {}",
                format::count(model.files.len(), "file", "files"),
                format::count(model.claims.len(), "claim", "claims"),
                format::count(model.topics.len(), "topic", "topics")
            ),
        );
    }

    /// Recompute the topics shown (filter, search, sort), keeping the selection where it can.
    fn refresh_topics(&mut self) {
        self.refilter();
        self.selection_changed();
    }

    /// The topics shown recomputed, and the selection kept where it can be (not yet scrolled
    /// to, nor its context read).
    fn refilter(&mut self) {
        self.refilter_keeping(None);
    }

    /// As [`App::refilter`], keeping `kept` among the topics shown.
    fn refilter_keeping(&mut self, kept: Option<usize>) {
        let selected = self.selected_topic();
        self.view.refresh_keeping(&self.session.review, kept);
        match selected.and_then(|t| self.view.row_of(t)) {
            Some(row) => self.topic_row = row,
            None => {
                self.topic_row = self.topic_row.min(self.view.topics.len().saturating_sub(1));
                self.claim_column = 0;
                self.claim_offset = 0;
            }
        }
        self.claim_column = self
            .claim_column
            .min(self.topic_claims().len().saturating_sub(1));
    }

    /// The selected claim's quote in its report text, as much as its pane holds.
    fn refresh_context(&mut self) {
        let Some(claim) = self.selected_claim() else {
            self.context = Context::Unavailable("no claim selected".into());
            return;
        };
        let room = self
            .areas()
            .filter(|a| a.context.height >= 3)
            .map_or(Room::DEFAULT, |a| {
                Room::for_pane(a.context.inner(Margin::new(1, 1)))
            });
        self.context = self.texts.context(&self.session.review.model, claim, room);
    }
}

/// What undo did to the note, in words: `, note “…” restored`, `, note “…” removed`.
fn note_change(restored: Option<&str>, replaced: Option<&str>) -> String {
    match (restored, replaced) {
        (Some(n), Some(r)) if n == r => format!(", note “{n}” kept"),
        (Some(n), _) => format!(", note “{n}” restored"),
        (None, Some(r)) => format!(", note “{r}” removed"),
        (None, None) => String::new(),
    }
}
