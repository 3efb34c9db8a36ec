//! The one keymap: a table per mode saying which keys do what. The help overlay, the status
//! line and the dialogs' hints are generated from these tables, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::ui::action::Action;
use crate::ui::app::Mode;

/// A key as the tables name it: its code, and whether Ctrl is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row of a table: the keys, the action, and its line in the help.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// A hint on the status line or a dialog's border: the first `keys` keys of each action, and a
/// word (`j/k topic`, `Enter saves`).
pub struct Hint {
    pub word: &'static str,
    pub actions: &'static [Action],
    pub keys: usize,
}

const fn hint(word: &'static str, actions: &'static [Action]) -> Hint {
    Hint {
        word,
        actions,
        keys: 1,
    }
}

/// A mode's keys. In a mode that `types`, a key no binding claims is typed into its input.
pub struct Keymap {
    /// Where the mode is, for the help: "in the search".
    pub place: &'static str,
    pub bindings: &'static [Binding],
    /// In order of need: where not all fit, the first ones are shown.
    pub hints: &'static [Hint],
    pub types: bool,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

pub const NORMAL: Keymap = Keymap {
    place: "on the topics",
    types: false,
    bindings: &[
        bind(
            &[ch('j'), key(KeyCode::Down)],
            Action::NextTopic,
            "next topic",
        ),
        bind(
            &[ch('k'), key(KeyCode::Up)],
            Action::PrevTopic,
            "previous topic",
        ),
        bind(
            &[ch('l'), key(KeyCode::Right), key(KeyCode::Tab)],
            Action::NextClaim,
            "next claim",
        ),
        bind(
            &[ch('h'), key(KeyCode::Left), key(KeyCode::BackTab)],
            Action::PrevClaim,
            "previous claim",
        ),
        bind(
            &[key(KeyCode::PageDown)],
            Action::PageDown,
            "a page of topics down",
        ),
        bind(
            &[key(KeyCode::PageUp)],
            Action::PageUp,
            "a page of topics up",
        ),
        bind(
            &[ch('g'), key(KeyCode::Home)],
            Action::FirstTopic,
            "first topic",
        ),
        bind(
            &[ch('G'), key(KeyCode::End)],
            Action::LastTopic,
            "last topic",
        ),
        bind(&[ch('v')], Action::MarkVerified, "mark the claim verified"),
        bind(&[ch('d')], Action::MarkDisputed, "mark the claim disputed"),
        bind(&[ch('c')], Action::ClearMark, "clear the mark (unreviewed)"),
        bind(
            &[ch('n')],
            Action::EditNote,
            "write or edit the note on the claim",
        ),
        bind(
            &[ch('u')],
            Action::Undo,
            "undo this session's last decision or draft change, and go to it",
        ),
        bind(
            &[ch('a')],
            Action::AcceptDraft,
            "accept the draft (removes `draft = true` from its file)",
        ),
        bind(
            &[ch('x')],
            Action::RejectDraft,
            "reject the draft (removes the claim from its file)",
        ),
        bind(
            &[ch('A')],
            Action::AcceptTopicDrafts,
            "accept every draft of the topic (press A again to confirm)",
        ),
        bind(
            &[ch('E')],
            Action::OpenInEditor,
            "open the claim's file in $EDITOR at its line; reloads after",
        ),
        bind(
            &[ch('/')],
            Action::StartSearch,
            "search question, quote, source, ids",
        ),
        bind(
            &[ch('f')],
            Action::CycleFilter,
            "filter: all, conflicts, unreviewed, disputed, verified, superseded, drafts, stale, disagreements, mine, not mine",
        ),
        bind(
            &[ch('s')],
            Action::CycleSort,
            "sort: file order, largest spread, most unreviewed, latest first",
        ),
        bind(
            &[ch('t')],
            Action::ToggleTimeline,
            "the timeline in place of the common scale, and back",
        ),
        bind(
            &[ch('r')],
            Action::Reload,
            "reload the claim files from disk",
        ),
        bind(&[ch('e')], Action::Export, "export the review summary"),
        bind(&[ch('?')], Action::ToggleHelp, "this help"),
        bind(&[ch('q'), ctrl('c')], Action::Quit, "quit"),
        bind(
            &[key(KeyCode::Esc)],
            Action::Back,
            "clear the search, or quit",
        ),
    ],
    hints: &[
        hint("topic", &[Action::NextTopic, Action::PrevTopic]),
        hint("claim", &[Action::PrevClaim, Action::NextClaim]),
        hint("verified", &[Action::MarkVerified]),
        hint("disputed", &[Action::MarkDisputed]),
        hint("clear", &[Action::ClearMark]),
        hint("note", &[Action::EditNote]),
        hint("undo", &[Action::Undo]),
        hint("search", &[Action::StartSearch]),
        hint("filter", &[Action::CycleFilter]),
        hint("sort", &[Action::CycleSort]),
        hint("timeline", &[Action::ToggleTimeline]),
        hint("export", &[Action::Export]),
        hint("help", &[Action::ToggleHelp]),
        hint("quit", &[Action::Quit]),
    ],
};

pub const HELP: Keymap = Keymap {
    place: "in this help",
    types: false,
    bindings: &[bind(
        &[ch('?'), key(KeyCode::Esc), ch('q'), ctrl('c')],
        Action::Back,
        "close the help",
    )],
    hints: &[Hint {
        word: "closes",
        actions: &[Action::Back],
        keys: 2,
    }],
};

/// A text input's table: its own keys first, then Enter, Esc (or Ctrl-C) and Ctrl-U as every
/// text input has them — each with its help line and its hint's word.
macro_rules! text_input {
    (
        $place:literal,
        [$($binding:expr),*], [$($hint:expr),*],
        submit: $submit:literal, $submits:literal,
        back: $back:literal, $backs:literal $(,)?
    ) => {
        Keymap {
            place: $place,
            types: true,
            bindings: &[
                $($binding,)*
                bind(&[key(KeyCode::Enter)], Action::Submit, $submit),
                bind(&[key(KeyCode::Esc), ctrl('c')], Action::Back, $back),
                bind(&[ctrl('u')], Action::ClearInput, "erase the line"),
            ],
            hints: &[
                $($hint,)*
                hint($submits, &[Action::Submit]),
                hint($backs, &[Action::Back]),
                hint("erases", &[Action::ClearInput]),
            ],
        }
    };
}

pub const SEARCH: Keymap = text_input!(
    "in the search",
    [],
    [],
    submit: "keep the search", "keeps",
    back: "clear the search", "clears",
);

pub const NOTE: Keymap = text_input!(
    "in a note",
    [],
    [],
    submit: "save the note", "saves",
    back: "cancel: the note is not changed", "cancels",
);

pub const EXPORT: Keymap = text_input!(
    "in the export",
    [
        bind(&[key(KeyCode::Tab)], Action::NextFormat, "next format"),
        bind(&[key(KeyCode::BackTab)], Action::PrevFormat, "previous format")
    ],
    [hint("format", &[Action::NextFormat])],
    submit: "write the file", "writes",
    back: "cancel", "cancels",
);

/// The tables of the modes other than the topics and the help, for the help overlay.
pub const INPUTS: [&Keymap; 3] = [&SEARCH, &NOTE, &EXPORT];

/// The table in force in a mode.
pub fn for_mode(mode: &Mode) -> &'static Keymap {
    match mode {
        Mode::Normal => &NORMAL,
        Mode::Help => &HELP,
        Mode::Search(_) => &SEARCH,
        Mode::Note(_) => &NOTE,
        Mode::Export(_) => &EXPORT,
    }
}

/// The action a key stands for in a table: a binding's, else (in a text input) typing it.
pub fn action_for(keymap: &Keymap, event: KeyEvent) -> Option<Action> {
    let pressed = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    keymap
        .bindings
        .iter()
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
        .or_else(|| keymap.types.then_some(Action::Input(event)))
}

pub fn key_label(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(c) if key.ctrl => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// All keys of a binding: `j ↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| key_label(*k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table's hints, generated from its bindings: `("j/k", "topic")`, `("v", "verified")`, …
pub fn hints(keymap: &Keymap) -> Vec<(String, &'static str)> {
    keymap
        .hints
        .iter()
        .map(|hint| {
            let keys: Vec<String> = hint
                .actions
                .iter()
                .filter_map(|a| keymap.bindings.iter().find(|b| b.action == *a))
                .flat_map(|b| b.keys.iter().take(hint.keys).map(|k| key_label(*k)))
                .collect();
            (keys.join("/"), hint.word)
        })
        .collect()
}

/// A table's hints on one line, for a border or the help: `Enter saves · Esc cancels`.
pub fn hint_line(keymap: &Keymap) -> String {
    hints(keymap)
        .iter()
        .map(|(keys, word)| format!("{keys} {word}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The hint that ends a status line too short for every hint: the key to the help, where all
/// keys are.
pub fn more_hint() -> (String, &'static str) {
    let keys = NORMAL
        .bindings
        .iter()
        .find(|b| b.action == Action::ToggleHelp)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| key_label(*k));
    (keys, "all keys")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Keymap; 5] = [&NORMAL, &HELP, &SEARCH, &NOTE, &EXPORT];

    #[test]
    fn every_key_is_bound_once_per_mode() {
        for keymap in ALL {
            let mut seen = std::collections::HashSet::new();
            for b in keymap.bindings {
                for k in b.keys {
                    assert!(seen.insert(*k), "{k:?} bound twice {}", keymap.place);
                }
            }
        }
    }

    #[test]
    fn hints_come_from_the_keymap() {
        let hints = hints(&NORMAL);
        assert_eq!(hints[0], ("j/k".to_string(), "topic"));
        assert_eq!(hints[1], ("h/l".to_string(), "claim"));
        for keymap in ALL {
            assert!(
                super::hints(keymap)
                    .iter()
                    .all(|(keys, _)| !keys.is_empty()),
                "a hint names an unbound action {}",
                keymap.place
            );
        }
        assert_eq!(hint_line(&HELP), "?/Esc closes");
        assert_eq!(
            hint_line(&NOTE),
            "Enter saves · Esc cancels · Ctrl-U erases"
        );
    }

    #[test]
    fn the_help_names_every_filter_and_sort_in_the_order_they_cycle() {
        use crate::ui::view::{Filter, Sort};
        let help = |action| {
            NORMAL
                .bindings
                .iter()
                .find(|b| b.action == action)
                .map(|b| b.help)
                .unwrap()
        };
        let filters: Vec<&str> = Filter::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(
            help(Action::CycleFilter),
            format!("filter: {}", filters.join(", "))
        );
        let sorts: Vec<&str> = Sort::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            help(Action::CycleSort),
            format!("sort: {}", sorts.join(", "))
        );
        let mut f = Filter::All;
        for expected in Filter::ALL.iter().cycle().skip(1).take(Filter::ALL.len()) {
            f = f.next();
            assert_eq!(f, *expected);
        }
        assert_eq!(
            action_for(
                &NORMAL,
                KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE)
            ),
            Some(Action::ToggleTimeline)
        );
    }

    #[test]
    fn keys_map_to_actions() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let action = |c| action_for(&NORMAL, key(c));
        assert_eq!(action(KeyCode::Char('v')), Some(Action::MarkVerified));
        assert_eq!(action(KeyCode::BackTab), Some(Action::PrevClaim));
        assert_eq!(action(KeyCode::Char('x')), Some(Action::RejectDraft));
        assert_eq!(action(KeyCode::Char('A')), Some(Action::AcceptTopicDrafts));
        assert_eq!(action(KeyCode::Char('z')), None);
        assert_eq!(
            action_for(
                &NORMAL,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                &NORMAL,
                KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL)
            ),
            None,
            "Ctrl-V is not v"
        );
    }

    #[test]
    fn text_inputs_type_what_they_do_not_bind() {
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        for keymap in INPUTS {
            assert_eq!(action_for(keymap, q), Some(Action::Input(q)), "q is typed");
            assert_eq!(action_for(keymap, ctrl_u), Some(Action::ClearInput));
        }
        assert_eq!(action_for(&HELP, q), Some(Action::Back));
    }
}
