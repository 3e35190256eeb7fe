//! The terminal browser: everything that knows about terminals lives
//! here, over the engine in the library (`crosscheck::*`), which has none.
//!
//! Modules, with their dependencies pointing one way only (a test checks
//! that there is no import circle):
//!
//! * [`action`]: what can be asked (key-bindable actions and other inputs);
//! * [`keymap`]: the key table (over `action`); [`theme`]: colours;
//!   [`config`]: the config file (over both);
//! * [`sanitize`], [`wrap`], [`role`]: showing untrusted text safely,
//!   wrapping it, and what laid-out text means;
//! * [`app`]: the state, per view, and `update` (over all of the above);
//! * [`ui`]: drawing, a pure function of the state;
//! * [`terminal`], [`alloc_guard`]: entering and always leaving the
//!   browser's terminal mode; [`session`]: where the user was;
//! * [`loader`]: loading and analysing the articles, and building the
//!   browser over them, reporting progress to the loading screen;
//! * [`run`]: start-up and the event loop.

pub mod action;
pub mod alloc_guard;
pub mod app;
pub mod config;
pub mod keymap;
mod loader;
pub mod role;
mod run;
pub mod sanitize;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod wrap;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod fixture_stories;
#[cfg(test)]
mod structure_tests;

pub use run::run;
