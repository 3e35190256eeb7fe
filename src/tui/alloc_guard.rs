//! The binary's global allocator: the system's, except that a failed
//! allocation first restores the terminal (see
//! [`emergency_restore`](super::terminal::emergency_restore)), so that the
//! runtime's "memory allocation of N bytes failed" is printed on the main
//! screen and the shell is usable after the abort.
//!
//! Before the browser enters raw mode and the alternate screen the guard
//! does nothing (a failure then leaves the terminal untouched); from then
//! on it restores, whichever thread fails: the main thread loading and
//! analysing the articles while the loading screen is shown (see
//! `tui::run`), the loading screen's thread, or the browser. Only the
//! first restore writes anything, and the loading screen draws no frame
//! once the terminal is restored (it checks before each one).

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator with the terminal guard.
pub struct Guarded;

// SAFETY: every method forwards to `System` with the same arguments; the
// guard only adds a call that allocates nothing when `System` fails.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is; the caller upholds `alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            super::terminal::emergency_restore();
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            super::terminal::emergency_restore();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; the caller upholds `realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            super::terminal::emergency_restore();
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Guarded = Guarded;
