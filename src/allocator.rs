//! How the binary's allocator (mimalloc) is set up: memory freed is handed back to the system
//! after 50 ms instead of mimalloc's default second. Loading frees much of what it allocates
//! (each file's text and parsed tables) while the model grows, and a process of a few hundred
//! milliseconds otherwise holds all of it at once: a quarter of `check`'s peak memory on 100k
//! claims (128-150 MB -> 103-111 MB), for a few percent more page faults and no time
//! measurable on this noisy machine (see docs/perf-notes.md).

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` in mimalloc 3's header; the
/// Rust bindings name only mimalloc 2's options).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before freed memory goes back to the system.
const PURGE_AFTER_MS: std::ffi::c_long = 50;

/// Set the allocator up; call first thing in `main`.
pub fn tune() {
    // SAFETY: sets an integer option of mimalloc's; mimalloc reads options atomically, and this
    // runs before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // Its default, one second, says the place is the purge delay's (tests never call
        // `tune` but here, and run on the system allocator).
        // SAFETY: reads an integer option.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        tune();
        // SAFETY: as above.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) },
            PURGE_AFTER_MS
        );
    }
}
