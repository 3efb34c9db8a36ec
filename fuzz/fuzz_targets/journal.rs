//! The journal reader, on arbitrary bytes: see `checks::journal_input`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::journal_input(data));
