//! Hints to the processor: memory that will be read soon, asked into its cache ahead, where
//! records are read in an order the hardware cannot guess or were written by another core.
//! Hints only: they never change a result.

/// Ask the processor to bring the cache line at `p` in (never faults, whatever `p`).
#[inline(always)]
pub fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of x86_64, and a prefetch reads nothing (any address is allowed).
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Ask for the first `bytes` bytes from `p`, a line at a time.
#[inline(always)]
pub fn prefetch_bytes(p: *const u8, bytes: usize) {
    for offset in (0..bytes).step_by(64) {
        prefetch(p.wrapping_add(offset));
    }
}

/// Ask for the whole of `value` (not what it points to).
#[inline(always)]
pub fn prefetch_value<T>(value: &T) {
    prefetch_bytes((value as *const T).cast(), size_of::<T>());
}
