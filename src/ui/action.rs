//! Everything a reviewer can do on the screen, as data: keys (through the keymap) and mouse
//! events (through `mouse`) become actions; `App::update` carries them out.

use ratatui::crossterm::event::KeyEvent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    NextTopic,
    PrevTopic,
    PageDown,
    PageUp,
    FirstTopic,
    LastTopic,
    NextClaim,
    PrevClaim,
    /// Select a row of the topic list (a row of the filtered view, not a model index).
    SelectTopicRow(usize),
    /// Select the claim in a column of the comparison (its place among the topic's claims).
    SelectClaimColumn(usize),
    MarkVerified,
    MarkDisputed,
    ClearMark,
    EditNote,
    Undo,
    /// `a`: accept the selected draft (its `draft = true` goes from the file).
    AcceptDraft,
    /// `x`: reject the selected draft (its claim goes from the file).
    RejectDraft,
    /// `A`, twice: accept every draft of the topic.
    AcceptTopicDrafts,
    /// `E`: open the selected claim's file in `$EDITOR` at its line; reload after.
    OpenInEditor,
    StartSearch,
    CycleFilter,
    CycleSort,
    /// `t`: the timeline in place of the common scale, and back.
    ToggleTimeline,
    Reload,
    Export,
    ToggleHelp,
    /// `q`: quit.
    Quit,
    /// `Esc`: close what is open (a dialog cancels), clear the search, else quit.
    Back,
    /// Enter in a text input: keep the search, save the note, write the export.
    Submit,
    /// Empty the open text input (`Ctrl-U`).
    ClearInput,
    /// The export dialog's format: the next one, the previous one.
    NextFormat,
    PrevFormat,
    /// A key typed into the open text input.
    Input(KeyEvent),
    /// The terminal's new size.
    Resize(u16, u16),
    /// A moment passed (the terminal loop sends it every quarter second, keys or not): look in
    /// the store for decisions others saved, and put them on the screen.
    Tick,
}
