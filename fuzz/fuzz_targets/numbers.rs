//! The number reader and the quote check, on arbitrary bytes: see `checks::numbers_input`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::numbers_input(data));
