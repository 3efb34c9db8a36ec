//! Everything a reviewer can do on the screen, as data. Keys and mouse events become actions;
//! `App::update` carries them out.

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
    MarkVerified,
    MarkDisputed,
    ClearMark,
    EditNote,
    Undo,
    StartSearch,
    CycleFilter,
    CycleSort,
    Reload,
    Export,
    ToggleHelp,
    /// `q`: quit.
    Quit,
    /// `Esc`: close what is open, clear the search, else quit.
    Back,
    /// A key typed into the open text input (search or note).
    Input(KeyEvent),
    /// Enter in a text input: keep the search, save the note.
    Submit,
    /// The terminal's new size.
    Resize(u16, u16),
    /// Mouse: a click, and the wheel, at a column and row.
    Click(u16, u16),
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
}
