//! The one keymap: which keys do what. The help overlay and the status line are generated from
//! this table, so they cannot disagree with the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::ui::action::Action;

/// One row of the keymap: the keys, the action, and its line in the help.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub action: Action,
    pub help: &'static str,
}

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Char('j'), KeyCode::Down],
        action: Action::NextTopic,
        help: "next topic",
    },
    Binding {
        keys: &[KeyCode::Char('k'), KeyCode::Up],
        action: Action::PrevTopic,
        help: "previous topic",
    },
    Binding {
        keys: &[KeyCode::Char('l'), KeyCode::Right, KeyCode::Tab],
        action: Action::NextClaim,
        help: "next claim",
    },
    Binding {
        keys: &[KeyCode::Char('h'), KeyCode::Left, KeyCode::BackTab],
        action: Action::PrevClaim,
        help: "previous claim",
    },
    Binding {
        keys: &[KeyCode::PageDown],
        action: Action::PageDown,
        help: "a page of topics down",
    },
    Binding {
        keys: &[KeyCode::PageUp],
        action: Action::PageUp,
        help: "a page of topics up",
    },
    Binding {
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        action: Action::FirstTopic,
        help: "first topic",
    },
    Binding {
        keys: &[KeyCode::Char('G'), KeyCode::End],
        action: Action::LastTopic,
        help: "last topic",
    },
    Binding {
        keys: &[KeyCode::Char('v')],
        action: Action::MarkVerified,
        help: "mark the claim verified",
    },
    Binding {
        keys: &[KeyCode::Char('d')],
        action: Action::MarkDisputed,
        help: "mark the claim disputed",
    },
    Binding {
        keys: &[KeyCode::Char('c')],
        action: Action::ClearMark,
        help: "clear the mark (unreviewed)",
    },
    Binding {
        keys: &[KeyCode::Char('n')],
        action: Action::EditNote,
        help: "write or edit the note (Enter saves, Esc cancels)",
    },
    Binding {
        keys: &[KeyCode::Char('u')],
        action: Action::Undo,
        help: "undo this session's last decision",
    },
    Binding {
        keys: &[KeyCode::Char('/')],
        action: Action::StartSearch,
        help: "search question, quote, source, ids (Esc clears)",
    },
    Binding {
        keys: &[KeyCode::Char('f')],
        action: Action::CycleFilter,
        help: "filter: all, conflicts, unreviewed, disputed, verified",
    },
    Binding {
        keys: &[KeyCode::Char('s')],
        action: Action::CycleSort,
        help: "sort: file order, largest spread, most unreviewed",
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        action: Action::Reload,
        help: "reload the claim files from disk",
    },
    Binding {
        keys: &[KeyCode::Char('e')],
        action: Action::Export,
        help: "export the review summary (Tab: format, Enter writes)",
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        keys: &[KeyCode::Esc],
        action: Action::Back,
        help: "close, clear the search, or quit",
    },
];

/// The status line's hints: a word and the actions whose first keys it shows (`j/k topic`).
pub const HINTS: &[(&str, &[Action])] = &[
    // In order of need: what fits the width is shown, so help and quit come early.
    ("topic", &[Action::NextTopic, Action::PrevTopic]),
    ("claim", &[Action::PrevClaim, Action::NextClaim]),
    ("verified", &[Action::MarkVerified]),
    ("disputed", &[Action::MarkDisputed]),
    ("note", &[Action::EditNote]),
    ("help", &[Action::ToggleHelp]),
    ("quit", &[Action::Quit]),
    ("search", &[Action::StartSearch]),
    ("filter", &[Action::CycleFilter]),
    ("undo", &[Action::Undo]),
    ("sort", &[Action::CycleSort]),
    ("clear", &[Action::ClearMark]),
    ("export", &[Action::Export]),
];

/// The action bound to a key in normal mode.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        // Raw mode delivers Ctrl-C as a key: treat it as quit, as a terminal user expects.
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    KEYMAP
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

pub fn key_label(code: KeyCode) -> String {
    match code {
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

/// The status-line hints, generated from the keymap: `j/k topic`, `v verified`, …
pub fn status_hints() -> Vec<(String, &'static str)> {
    HINTS
        .iter()
        .map(|(word, actions)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|a| KEYMAP.iter().find(|b| b.action == *a))
                .filter_map(|b| b.keys.first().map(|k| key_label(*k)))
                .collect();
            (keys.join("/"), *word)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once() {
        let mut seen = std::collections::HashSet::new();
        for b in KEYMAP {
            for k in b.keys {
                assert!(seen.insert(*k), "{k:?} bound twice");
            }
        }
    }

    #[test]
    fn hints_come_from_the_keymap() {
        let hints = status_hints();
        assert_eq!(hints[0], ("j/k".to_string(), "topic"));
        assert_eq!(hints[1], ("h/l".to_string(), "claim"));
        assert!(hints.iter().all(|(keys, _)| !keys.is_empty()));
    }

    #[test]
    fn keys_map_to_actions() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            action_for(key(KeyCode::Char('v'))),
            Some(Action::MarkVerified)
        );
        assert_eq!(action_for(key(KeyCode::BackTab)), Some(Action::PrevClaim));
        assert_eq!(action_for(key(KeyCode::Char('x'))), None);
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }
}
