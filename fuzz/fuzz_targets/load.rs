//! The loader and every export, on arbitrary bytes: see `checks::load_input`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::load_input(data));
