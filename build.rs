//! A digest of the crate's source, its dependencies' versions (`Cargo.lock`) and the compiler,
//! for caches whose contents the code determines (see `src/cache.rs`): anything written by a
//! build of other code is never read back.

use std::hash::Hasher;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    // The dependencies' versions (their messages and behaviour are in what is cached).
    files.push("Cargo.lock".into());
    // Two independent 64-bit digests (SipHash with two keys), so that the two halves of the
    // 128 bits are not one digest repeated.
    let mut a = std::hash::DefaultHasher::new();
    let mut b = std::hash::DefaultHasher::new();
    b.write_u64(0x9e37_79b9_7f4a_7c15);
    for file in &files {
        let text = std::fs::read(file).unwrap_or_default();
        for h in [&mut a, &mut b] {
            h.write(file.to_string_lossy().as_bytes());
            h.write_usize(text.len());
            h.write(&text);
        }
    }
    // And the compiler that builds it.
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|out| out.stdout)
        .unwrap_or_default();
    for h in [&mut a, &mut b] {
        h.write(&version);
    }
    println!(
        "cargo:rustc-env=CROSSCHECK_SOURCE_DIGEST={:016x}{:016x}",
        a.finish(),
        b.finish()
    );
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
