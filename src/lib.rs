//! crosscheck: review conflicting reports. The domain — model, loading, analysis, journal and
//! exports — lives here and knows nothing of the terminal; `main.rs` and the UI are front ends.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod journal;
pub mod load;
pub mod model;
pub mod review;
pub mod sanitize;
pub mod suggest;
pub mod ui;
