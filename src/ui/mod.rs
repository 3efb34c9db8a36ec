//! The review screen (ratatui + crossterm): state and actions in `app`, keys in `keymap`,
//! pure drawing in `draw`, and the terminal loop here.

pub mod action;
pub mod app;
pub mod backend;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod run;
pub mod text;
pub mod theme;

#[cfg(test)]
mod tests;
