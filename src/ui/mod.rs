//! The review screen (ratatui + crossterm): the terminal loop in `run`, keys in `keymap`,
//! state and actions in `app`, pure drawing in `draw`.

pub mod action;
pub mod app;
pub mod backend;
pub mod context;
pub mod dialog;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod mouse;
pub mod run;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod view;

#[cfg(test)]
mod tests;
