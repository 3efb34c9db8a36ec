//! The floor for `crosscheck check` as a program of its own, for hyperfine:
//! `cargo build --release --example floor`, then
//! `hyperfine -N 'target/release/examples/floor DIR' 'target/release/crosscheck check DIR'`.
//! The code is `benches/support/floor.rs`; `cargo bench --bench compare` runs the same floor.

#[path = "../benches/support/floor.rs"]
mod floor;

fn main() {
    floor::main(std::env::args().skip(1));
}
