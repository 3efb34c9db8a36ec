//! crosscheck: review conflicting reports. The domain — model, loading, analysis, decisions,
//! their store, the session and exports — lives here and knows nothing of the terminal;
//! `main.rs` and the UI are front ends.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod agreement;
pub mod allocator;
pub mod analysis;
pub mod cache;
pub mod checks;
pub mod decision;
pub mod diagnostic;
pub mod draft;
pub mod edit;
pub mod export;
pub mod fingerprint;
pub mod format;
pub mod fs_error;
pub mod hint;
pub mod ids;
pub mod load;
pub mod model;
pub mod numbers;
pub mod parallel;
pub mod replay;
pub mod review;
pub mod sanitize;
pub mod session;
pub mod store;
pub mod suggest;
pub mod ui;
