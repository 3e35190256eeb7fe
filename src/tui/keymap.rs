//! The key table: the single source of truth for key dispatch, the help
//! overlay, the status-bar hints and the README's key table.
//!
//! Every binding has keys, an [`Action`], a description, a [`Context`] and
//! optionally a status-bar hint with a priority. The defaults are
//! [`DEFAULT_BINDINGS`]; the config file can replace the keys of any action
//! by its name ([`Action::name`]), and [`Keymap::validate`] refuses a key
//! bound to two actions where both would apply.

use super::action::Action;
use super::sanitize::is_unsafe;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use thiserror::Error;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere except in text fields, where only its keys that are not
    /// plain characters apply (`F1`, `Ctrl-c`).
    Global,
    /// The list of stories, shown first when the corpus holds several.
    Stories,
    /// The three panes (articles, reader, comparison).
    Panes,
    /// The text fields: the search popup and the verdict popup. Plain
    /// characters type there, whatever they are bound to.
    Input,
    /// The stories matrix.
    Matrix,
    /// Two articles side by side.
    SideBySide,
    /// The help overlay and the list of load warnings.
    Lists,
    /// The loading screen, before the articles are ready: only quitting
    /// works there (its own keys and the global quit keys).
    Loading,
}

impl Context {
    /// Heading used in the help overlay and the README.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Stories => "Story list",
            Context::Panes => "Panes",
            Context::Input => "Search and verdict popups",
            Context::Matrix => "Stories matrix",
            Context::SideBySide => "Side by side",
            Context::Lists => "Help and warnings",
            Context::Loading => "Loading screen",
        }
    }

    /// The context's section name in the config file (`[keys.panes]`).
    pub fn config_name(self) -> &'static str {
        match self {
            Context::Global => "anywhere",
            Context::Stories => "stories",
            Context::Panes => "panes",
            Context::Input => "popups",
            Context::Matrix => "matrix",
            Context::SideBySide => "side_by_side",
            Context::Lists => "lists",
            Context::Loading => "loading",
        }
    }

    /// The context whose section is named `name`.
    pub fn from_config_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.config_name() == name)
    }

    /// All contexts in help order.
    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Stories,
        Context::Panes,
        Context::Input,
        Context::Matrix,
        Context::SideBySide,
        Context::Lists,
        Context::Loading,
    ];
}

/// A key name that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    /// Nothing after the modifiers.
    #[error("empty key in '{0}'")]
    Empty(String),
    /// A control character is not a key name.
    #[error("unknown key '{0}' (a control character)")]
    Control(String),
    /// Not a key name.
    #[error("unknown key '{0}'")]
    Unknown(String),
}

/// One key press as bound: a key code and its modifiers (Ctrl, Alt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt only; Shift is folded into the character or `BackTab`.
    pub mods: KeyModifiers,
}

impl KeyChord {
    /// Ctrl-C, which always quits.
    pub const CTRL_C: KeyChord = KeyChord {
        code: KeyCode::Char('c'),
        mods: KeyModifiers::CONTROL,
    };

    /// The chord of a terminal key event, with Shift folded in.
    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        KeyChord { code, mods }
    }

    /// Whether the chord is a plain character, which types in text fields.
    pub fn is_plain_char(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.mods.is_empty()
    }

    /// Parses "j", "G", "ctrl-d", "shift-tab", "pgdn", "enter", "esc", "up",
    /// "f1", "space", and the forms [`fmt::Display`] writes ("Ctrl-d", "↓",
    /// "`PgDn`"), so that every shown key can be pasted into the config file.
    pub fn parse(s: &str) -> Result<KeyChord, KeyError> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("c-")) {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or(lower.strip_prefix("m-")) {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-").or(lower.strip_prefix("s-")) {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if is_unsafe(c) => return Err(KeyError::Control(s.to_string())),
            (Some('↑'), None) => KeyCode::Up,
            (Some('↓'), None) => KeyCode::Down,
            (Some('←'), None) => KeyCode::Left,
            (Some('→'), None) => KeyCode::Right,
            (Some(c), None) => {
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else if shift {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            (None, _) => return Err(KeyError::Empty(s.to_string())),
            _ => match rest.to_ascii_lowercase().as_str() {
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f => match f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return Err(KeyError::Unknown(s.to_string())),
                },
            },
        };
        Ok(KeyChord { code, mods })
    }
}

impl KeyChord {
    /// The key's name as written in the config file ("ctrl-d", "G",
    /// "shift-tab", "pgdn"); [`KeyChord::parse`] reads it back.
    pub fn config_name(self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        let name = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::F(n) => format!("f{n}"),
            _ => "?".into(),
        };
        out.push_str(&name);
        out
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// A status-bar hint: a short label, and a priority (0 is the last to go
/// when the bar is too narrow for all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintSpec {
    /// Short label ("search").
    pub label: &'static str,
    /// Lower is more important.
    pub priority: u8,
}

/// A default binding: key names, action, description, context, and a
/// status-bar hint where it is worth one.
#[derive(Debug, Clone, Copy)]
pub struct DefaultBinding {
    /// Key names as parsed by [`KeyChord::parse`].
    pub keys: &'static [&'static str],
    /// What the keys do.
    pub action: Action,
    /// Help text.
    pub description: &'static str,
    /// Where it applies.
    pub context: Context,
    /// Status-bar hint, if shown there.
    pub hint: Option<HintSpec>,
}

macro_rules! b {
    ($ctx:ident, [$($k:expr),*], $action:ident, $desc:expr) => {
        DefaultBinding { keys: &[$($k),*], action: Action::$action, description: $desc, context: Context::$ctx, hint: None }
    };
    ($ctx:ident, [$($k:expr),*], $action:ident, $desc:expr, $hint:expr, $prio:expr) => {
        DefaultBinding { keys: &[$($k),*], action: Action::$action, description: $desc, context: Context::$ctx, hint: Some(HintSpec { label: $hint, priority: $prio }) }
    };
}

/// The default key table.
pub const DEFAULT_BINDINGS: &[DefaultBinding] = &[
    b!(
        Global,
        ["?", "f1"],
        Help,
        "this help (F1 also in the popups)",
        "help",
        0
    ),
    b!(
        Global,
        ["q", "ctrl-c"],
        Quit,
        "quit (Ctrl-c always quits)",
        "quit",
        1
    ),
    // The story list.
    b!(Stories, ["j", "down"], Down, "next story", "move", 5),
    b!(Stories, ["k", "up"], Up, "previous story"),
    b!(Stories, ["g", "home"], Top, "first story"),
    b!(Stories, ["G", "end"], Bottom, "last story"),
    b!(Stories, ["pgdn"], PageDown, "a page down"),
    b!(Stories, ["pgup"], PageUp, "a page up"),
    b!(Stories, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(Stories, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(
        Stories,
        ["enter"],
        Open,
        "open the story: its articles, reader and comparison",
        "open",
        3
    ),
    b!(
        Stories,
        ["/"],
        Search,
        "find claims and titles in every story",
        "search",
        4
    ),
    b!(
        Stories,
        ["O"],
        Sort,
        "sort stories: as loaded, most sources first, most differing first",
        "sort",
        6
    ),
    b!(
        Stories,
        ["w"],
        Warnings,
        "list load warnings (skipped files)"
    ),
    // The panes.
    b!(
        Panes,
        ["j", "down"],
        Down,
        "next item (reader: next claim; comparison: next source)",
        "move",
        6
    ),
    b!(Panes, ["k", "up"], Up, "previous item"),
    b!(Panes, ["g", "home"], Top, "first item"),
    b!(Panes, ["G", "end"], Bottom, "last item"),
    b!(Panes, ["pgdn"], PageDown, "a page down"),
    b!(Panes, ["pgup"], PageUp, "a page up"),
    b!(Panes, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(Panes, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(Panes, ["tab"], FocusNext, "focus the next pane", "pane", 8),
    b!(Panes, ["shift-tab"], FocusPrev, "focus the previous pane"),
    b!(Panes, ["1"], FocusArticles, "focus the articles"),
    b!(Panes, ["2"], FocusReader, "focus the reader"),
    b!(Panes, ["3"], FocusComparison, "focus the comparison"),
    b!(
        Panes,
        ["enter"],
        Open,
        "articles: read it; reader: compare the claim; comparison: jump to the source's claim",
        "open",
        9
    ),
    b!(
        Panes,
        ["ctrl-o", "H"],
        JumpBack,
        "back to where the last jump came from",
        "back",
        7
    ),
    b!(Panes, ["L"], JumpForward, "forward again after going back"),
    b!(
        Panes,
        ["]"],
        NextDiffers,
        "next claim that differs or is contradicted, across the story",
        "next ≠",
        3
    ),
    b!(
        Panes,
        ["["],
        PrevDiffers,
        "previous claim that differs or is contradicted"
    ),
    b!(
        Panes,
        ["f"],
        Filter,
        "filter claims: all, differs, contradicts, single source, reported, marked",
        "filter",
        4
    ),
    b!(Panes, ["F"], FilterBack, "previous filter"),
    b!(
        Panes,
        ["O"],
        Sort,
        "sort articles: as loaded, by date, by outlet, most differing first"
    ),
    b!(
        Panes,
        ["/"],
        Search,
        "find claims and titles (fzf syntax: 'exact ^prefix suffix$ !not)",
        "search",
        2
    ),
    b!(Panes, ["n"], NextResult, "next search result"),
    b!(Panes, ["N"], PrevResult, "previous search result"),
    b!(
        Panes,
        ["s"],
        Matrix,
        "stories matrix (facts by source), on the selected claim's fact",
        "stories",
        5
    ),
    b!(
        Panes,
        ["v"],
        SideBySide,
        "this article and the comparison's selected source side by side",
        "side by side",
        10
    ),
    b!(
        Panes,
        ["m"],
        Verdict,
        "mark the selected claim: verdict and note",
        "mark",
        11
    ),
    b!(
        Panes,
        ["y"],
        Copy,
        "copy the claim with its title, outlet and date (OSC 52)"
    ),
    b!(Panes, ["o"], OpenUrl, "open the article's URL, where known"),
    b!(Panes, ["w"], Warnings, "list load warnings (skipped files)"),
    b!(
        Panes,
        ["esc", "backspace"],
        Stories,
        "back to the list of stories (when there are several)"
    ),
    // Text fields.
    b!(
        Input,
        ["enter"],
        Open,
        "search: jump to the selected result; verdict: save",
        "ok",
        2
    ),
    b!(Input, ["esc"], Close, "cancel", "cancel", 3),
    b!(
        Input,
        ["down", "ctrl-n"],
        Down,
        "next result / verdict",
        "move",
        4
    ),
    b!(Input, ["up", "ctrl-p"], Up, "previous result / verdict"),
    b!(Input, ["left", "ctrl-b"], CursorLeft, "cursor left"),
    b!(Input, ["right", "ctrl-f"], CursorRight, "cursor right"),
    b!(Input, ["home", "ctrl-a"], LineStart, "cursor to the start"),
    b!(Input, ["end", "ctrl-e"], LineEnd, "cursor to the end"),
    b!(
        Input,
        ["backspace"],
        DeleteBack,
        "delete the character before the cursor"
    ),
    b!(
        Input,
        ["delete"],
        DeleteForward,
        "delete the character under the cursor"
    ),
    b!(
        Input,
        ["ctrl-w"],
        DeleteWord,
        "delete the word before the cursor"
    ),
    b!(
        Input,
        ["ctrl-u"],
        ClearLine,
        "delete everything before the cursor"
    ),
    // The stories matrix.
    b!(Matrix, ["j", "down"], Down, "next fact", "move", 6),
    b!(Matrix, ["k", "up"], Up, "previous fact"),
    b!(Matrix, ["h", "left"], Left, "previous source", "source", 5),
    b!(Matrix, ["l", "right"], Right, "next source"),
    b!(Matrix, ["g", "home"], Top, "first fact"),
    b!(Matrix, ["G", "end"], Bottom, "last fact"),
    b!(Matrix, ["pgdn"], PageDown, "a page down"),
    b!(Matrix, ["pgup"], PageUp, "a page up"),
    b!(Matrix, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(Matrix, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(
        Matrix,
        ["enter"],
        Open,
        "jump to the fact's claim in the selected source",
        "jump",
        3
    ),
    b!(
        Matrix,
        ["O"],
        Sort,
        "rows: most sources first, or differences first",
        "sort",
        7
    ),
    b!(Matrix, ["esc"], Close, "close", "close", 2),
    // Side by side.
    b!(SideBySide, ["j", "down"], Down, "next row", "move", 5),
    b!(SideBySide, ["k", "up"], Up, "previous row"),
    b!(SideBySide, ["g", "home"], Top, "first row"),
    b!(SideBySide, ["G", "end"], Bottom, "last row"),
    b!(SideBySide, ["pgdn"], PageDown, "a page down"),
    b!(SideBySide, ["pgup"], PageUp, "a page up"),
    b!(SideBySide, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(SideBySide, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(
        SideBySide,
        ["]"],
        NextDiffers,
        "next row that differs or contradicts",
        "next ≠",
        4
    ),
    b!(
        SideBySide,
        ["["],
        PrevDiffers,
        "previous row that differs or contradicts"
    ),
    b!(
        SideBySide,
        ["enter"],
        Open,
        "show the row's claim in the panes",
        "open",
        3
    ),
    b!(SideBySide, ["esc"], Close, "close", "close", 2),
    // Help and warnings.
    b!(Lists, ["j", "down"], Down, "scroll down", "scroll", 3),
    b!(Lists, ["k", "up"], Up, "scroll up"),
    b!(Lists, ["g", "home"], Top, "top"),
    b!(Lists, ["G", "end"], Bottom, "bottom"),
    b!(Lists, ["pgdn"], PageDown, "a page down"),
    b!(Lists, ["pgup"], PageUp, "a page up"),
    b!(Lists, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(Lists, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(Lists, ["esc"], Close, "close", "close", 2),
    // The loading screen.
    b!(Loading, ["esc"], Quit, "stop loading and quit", "stop", 0),
];

/// One binding in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Keys that trigger it (may be empty when the config unbinds it).
    pub keys: Vec<KeyChord>,
    /// What they do.
    pub action: Action,
    /// Help text.
    pub description: &'static str,
    /// Where it applies.
    pub context: Context,
    /// Status-bar hint, if shown there.
    pub hint: Option<HintSpec>,
}

impl Binding {
    /// The keys that work in the binding's context: in text fields plain
    /// characters type, so they are left out there.
    pub fn effective_keys(&self) -> impl Iterator<Item = KeyChord> + '_ {
        let input = self.context == Context::Input;
        self.keys
            .iter()
            .copied()
            .filter(move |k| !(input && k.is_plain_char()))
    }
}

/// A key table the browser cannot run with.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeymapError {
    /// One key, two actions, where both would apply.
    #[error("'{key}' is bound to both '{first}' and '{second}' ({context})")]
    Conflict {
        /// The key, as shown.
        key: String,
        /// Where both apply.
        context: &'static str,
        /// One action's name.
        first: &'static str,
        /// The other's.
        second: &'static str,
    },
    /// A popup could not be confirmed or left.
    #[error("'{action}' has no key in the search and verdict popups, where characters type: add one that is not a plain character (such as \"{default}\")")]
    NoKeyInInput {
        /// The action's name.
        action: &'static str,
        /// Its default key there.
        default: &'static str,
    },
    /// Ctrl-C is reserved for quitting.
    #[error("'Ctrl-c' always quits; it cannot be bound to '{0}'")]
    CtrlC(&'static str),
}

/// A status-bar hint in effect: keys as shown, label, priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// "j/k", "/", "Ctrl-o".
    pub keys: String,
    /// "move".
    pub label: &'static str,
    /// Lower is more important.
    pub priority: u8,
}

/// The bindings in effect: the defaults with the config's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// All bindings, in table order.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT_BINDINGS
            .iter()
            .map(|d| Binding {
                // The default names are constants, checked by a test.
                keys: d
                    .keys
                    .iter()
                    .filter_map(|k| KeyChord::parse(k).ok())
                    .collect(),
                action: d.action,
                description: d.description,
                context: d.context,
                hint: d.hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// Replaces the keys of `action` in every context where it is bound.
    pub fn rebind(&mut self, action: Action, keys: &[KeyChord]) {
        for b in self.bindings.iter_mut().filter(|b| b.action == action) {
            b.keys = keys.to_vec();
        }
    }

    /// Replaces the keys of `action` in `context` only.
    pub fn rebind_in(&mut self, context: Context, action: Action, keys: &[KeyChord]) -> bool {
        let mut found = false;
        for b in self
            .bindings
            .iter_mut()
            .filter(|b| b.action == action && b.context == context)
        {
            b.keys = keys.to_vec();
            found = true;
        }
        found
    }

    /// The action bound to `key` in `context`, then in the global context
    /// where it applies. Ctrl-C always quits.
    pub fn lookup(&self, context: Context, key: KeyChord) -> Option<Action> {
        let found = self
            .in_context(context)
            .find(|b| b.effective_keys().any(|k| k == key))
            .or_else(|| {
                self.global_in(context)
                    .find(|b| Keymap::global_keys(b, context).any(|k| k == key))
            })
            .map(|b| b.action);
        found.or((key == KeyChord::CTRL_C).then_some(Action::Quit))
    }

    /// The global bindings as they apply in `context` (in text fields, only
    /// their keys that are not plain characters; on the loading screen,
    /// only quitting).
    fn global_in(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| {
            b.context == Context::Global
                && context != Context::Global
                && (context != Context::Loading || b.action == Action::Quit)
        })
    }

    /// The keys of a global binding that work in `context`.
    fn global_keys(b: &Binding, context: Context) -> impl Iterator<Item = KeyChord> + '_ {
        b.keys
            .iter()
            .copied()
            .filter(move |k| !(context == Context::Input && k.is_plain_char()))
    }

    /// The bindings of one context, in table order.
    pub fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// Checks that no key means two things anywhere, that the popups can
    /// still be confirmed and left, and that Ctrl-C still quits.
    pub fn validate(&self) -> Result<(), KeymapError> {
        for b in &self.bindings {
            if b.action != Action::Quit && b.keys.contains(&KeyChord::CTRL_C) {
                return Err(KeymapError::CtrlC(b.action.name()));
            }
        }
        for ctx in Context::ALL {
            let mut seen: Vec<(KeyChord, Action)> = Vec::new();
            let own = self
                .in_context(ctx)
                .flat_map(|b| b.effective_keys().map(move |k| (k, b.action)));
            let global = self
                .global_in(ctx)
                .flat_map(|b| Keymap::global_keys(b, ctx).map(move |k| (k, b.action)));
            for (k, a) in own.chain(global) {
                match seen.iter().find(|(s, _)| *s == k) {
                    Some(&(_, other)) if other != a => {
                        return Err(KeymapError::Conflict {
                            key: k.to_string(),
                            context: ctx.title(),
                            first: other.name(),
                            second: a.name(),
                        })
                    }
                    Some(_) => {}
                    None => seen.push((k, a)),
                }
            }
        }
        for (action, default) in [(Action::Close, "esc"), (Action::Open, "enter")] {
            let stuck = self
                .in_context(Context::Input)
                .filter(|b| b.action == action)
                .any(|b| b.effective_keys().next().is_none());
            if stuck {
                return Err(KeymapError::NoKeyInInput {
                    action: action.name(),
                    default,
                });
            }
        }
        Ok(())
    }

    /// The first key of `action` in `context` (or globally), as shown.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.in_context(context)
            .filter(|b| b.action == action)
            .find_map(|b| b.effective_keys().next())
            .or_else(|| {
                self.global_in(context)
                    .filter(|b| b.action == action)
                    .find_map(|b| Keymap::global_keys(b, context).next())
            })
            .map(|k| k.to_string())
    }

    /// Status-bar hints for `context`: its own, then the global ones that
    /// apply there, each with its first working key ("j/k" for moving).
    pub fn hints(&self, context: Context) -> Vec<Hint> {
        let mut out = Vec::new();
        let own = self
            .in_context(context)
            .map(|b| (b, b.effective_keys().next()));
        let global = self
            .global_in(context)
            .map(|b| (b, Keymap::global_keys(b, context).next()));
        for (b, first) in own.chain(global) {
            let (Some(h), Some(k)) = (b.hint, first) else {
                continue;
            };
            let mut keys = k.to_string();
            if b.action == Action::Down {
                if let Some(up) = self.key_for(context, Action::Up) {
                    keys = format!("{keys}/{up}");
                }
            } else if b.action == Action::Left {
                if let Some(right) = self.key_for(context, Action::Right) {
                    keys = format!("{keys}/{right}");
                }
            }
            out.push(Hint {
                keys,
                label: h.label,
                priority: h.priority,
            });
        }
        out
    }

    /// The keys of a binding that work where it is bound, joined for
    /// display ("j, ↓").
    pub fn keys_label(b: &Binding) -> String {
        let keys: Vec<String> = b.effective_keys().map(|k| k.to_string()).collect();
        if keys.is_empty() {
            "(no key)".to_string()
        } else {
            keys.join(", ")
        }
    }
}

/// The key table as a config file (for the README): one section per
/// context, one line per action, in the keys' config names. Parsing it
/// gives the default key table.
#[cfg_attr(not(test), allow(dead_code))]
pub fn config_sections(keymap: &Keymap) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for ctx in Context::ALL {
        let _ = writeln!(out, "[keys.{}]", ctx.config_name());
        for b in keymap.in_context(ctx) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("\"{}\"", k.config_name()))
                .collect();
            let _ = writeln!(out, "{} = [{}]", b.action.name(), keys.join(", "));
        }
        out.push('\n');
    }
    out
}

/// The key table as Markdown (for the README): keys, what they do, where,
/// and the action's name in the config file.
#[cfg_attr(not(test), allow(dead_code))]
pub fn markdown_table(keymap: &Keymap) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("| Keys | Does | Where | Config name |\n|---|---|---|---|\n");
    for ctx in Context::ALL {
        for b in keymap.in_context(ctx) {
            let keys: Vec<String> = b
                .effective_keys()
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | `{}` |",
                keys.join(" "),
                b.description,
                ctx.title(),
                b.action.name()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    #[test]
    fn readme_key_table_is_the_keymap() {
        let table = markdown_table(&Keymap::default());
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .unwrap_or_default();
        assert!(
            readme.contains(&table),
            "README.md must contain the key table generated from the keymap:\n{table}"
        );
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn readme_config_example_is_the_keymap() {
        let sections = config_sections(&Keymap::default());
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .unwrap_or_default();
        assert!(
            readme.contains(&sections),
            "README.md must restate the default keys as generated:\n{sections}"
        );
    }

    #[test]
    fn config_names_parse_back() {
        for d in DEFAULT_BINDINGS {
            for name in d.keys {
                let k = KeyChord::parse(name).unwrap();
                assert_eq!(KeyChord::parse(&k.config_name()), Ok(k), "{name}");
            }
        }
        for c in Context::ALL {
            assert_eq!(Context::from_config_name(c.config_name()), Some(c));
        }
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(
            KeyChord::parse("ctrl-d"),
            Ok(KeyChord {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            })
        );
        assert_eq!(
            KeyChord::parse("shift-tab").map(|k| k.code),
            Ok(KeyCode::BackTab)
        );
        assert_eq!(KeyChord::parse("G").map(|k| k.code), Ok(KeyCode::Char('G')));
        assert_eq!(
            KeyChord::parse("pgdn").map(|k| k.code),
            Ok(KeyCode::PageDown)
        );
        assert_eq!(KeyChord::parse("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert_eq!(KeyChord::parse("↓").map(|k| k.code), Ok(KeyCode::Down));
        assert!(matches!(
            KeyChord::parse("hyper-x"),
            Err(KeyError::Unknown(_))
        ));
        assert!(matches!(KeyChord::parse("f13"), Err(KeyError::Unknown(_))));
        assert!(matches!(KeyChord::parse(""), Err(KeyError::Empty(_))));
        assert!(matches!(KeyChord::parse("ctrl-"), Err(KeyError::Empty(_))));
        assert!(matches!(
            KeyChord::parse("\u{1b}"),
            Err(KeyError::Control(_))
        ));
    }

    #[test]
    fn events_fold_shift() {
        let k = KeyChord::from_event(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(Ok(k), KeyChord::parse("G"));
        let k = KeyChord::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(Ok(k), KeyChord::parse("shift-tab"));
        let k = KeyChord::from_event(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(k, KeyChord::CTRL_C);
    }

    #[test]
    fn every_default_key_parses_and_its_shown_form_parses_back() {
        for d in DEFAULT_BINDINGS {
            for name in d.keys {
                let k = KeyChord::parse(name).unwrap_or_else(|e| panic!("{name}: {e}"));
                let shown = k.to_string();
                assert_eq!(KeyChord::parse(&shown), Ok(k), "{name} shown as {shown}");
            }
        }
        // Every key code the table can show parses back from its shown form.
        let codes = [
            KeyCode::Char(' '),
            KeyCode::Char('|'),
            KeyCode::Char('-'),
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(1),
            KeyCode::F(12),
        ];
        for code in codes {
            for mods in [
                KeyModifiers::NONE,
                KeyModifiers::CONTROL,
                KeyModifiers::ALT,
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            ] {
                let k = KeyChord { code, mods };
                if code == KeyCode::BackTab && !mods.is_empty() {
                    continue; // "Ctrl-Shift-Tab" is not a name the table uses
                }
                assert_eq!(KeyChord::parse(&k.to_string()), Ok(k), "{k}");
            }
        }
    }

    #[test]
    fn the_defaults_are_valid_and_keys_are_unique_where_they_apply() {
        let km = Keymap::default();
        assert_eq!(km.validate(), Ok(()));
        assert_eq!(
            km.lookup(Context::Panes, KeyChord::parse("q").unwrap()),
            Some(Action::Quit)
        );
        // In the popups `q` and `?` type; F1 and Ctrl-C still work.
        assert_eq!(
            km.lookup(Context::Input, KeyChord::parse("q").unwrap()),
            None
        );
        assert_eq!(
            km.lookup(Context::Input, KeyChord::parse("?").unwrap()),
            None
        );
        assert_eq!(
            km.lookup(Context::Input, KeyChord::parse("f1").unwrap()),
            Some(Action::Help)
        );
        assert_eq!(
            km.lookup(Context::Input, KeyChord::CTRL_C),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_key_bound_twice_where_both_apply_is_an_error_naming_both() {
        let mut km = Keymap::default();
        km.rebind(Action::Search, &[KeyChord::parse("q").unwrap()]);
        let e = km.validate().unwrap_err();
        assert_eq!(
            e,
            KeymapError::Conflict {
                key: "q".into(),
                context: "Story list",
                first: "search",
                second: "quit"
            }
        );
        let mut km = Keymap::default();
        km.rebind(Action::Down, &[KeyChord::parse("k").unwrap()]);
        let shown = km.validate().unwrap_err().to_string();
        assert!(
            shown.contains("'down'") && shown.contains("'up'"),
            "{shown}"
        );
        let mut km = Keymap::default();
        km.rebind(Action::Copy, &[KeyChord::CTRL_C]);
        assert_eq!(km.validate(), Err(KeymapError::CtrlC("copy")));
        let mut km = Keymap::default();
        km.rebind(Action::Close, &[KeyChord::parse("x").unwrap()]);
        assert!(matches!(
            km.validate(),
            Err(KeymapError::NoKeyInInput { .. })
        ));
    }

    #[test]
    fn plain_characters_are_not_keys_in_the_popups() {
        let mut km = Keymap::default();
        let e = KeyChord::parse("e").unwrap();
        km.rebind(Action::Down, &[e, KeyChord::parse("down").unwrap()]);
        assert_eq!(km.validate(), Ok(()));
        assert_eq!(km.lookup(Context::Panes, e), Some(Action::Down));
        assert_eq!(km.lookup(Context::Input, e), None);
        let input_down = km
            .in_context(Context::Input)
            .find(|b| b.action == Action::Down)
            .unwrap();
        assert_eq!(Keymap::keys_label(input_down), "↓");
        let hints = km.hints(Context::Input);
        assert!(
            hints
                .iter()
                .all(|h| h.keys != "e" && !h.keys.starts_with("e/")),
            "{hints:?}"
        );
        assert!(
            hints.iter().all(|h| h.label != "help" || h.keys == "F1"),
            "{hints:?}"
        );
    }

    #[test]
    fn rebind_replaces_keys() {
        let mut km = Keymap::default();
        km.rebind(Action::Quit, &[KeyChord::parse("x").unwrap()]);
        assert_eq!(
            km.lookup(Context::Panes, KeyChord::parse("x").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(
            km.lookup(Context::Panes, KeyChord::parse("q").unwrap()),
            None
        );
        assert_eq!(
            km.lookup(Context::Panes, KeyChord::CTRL_C),
            Some(Action::Quit)
        );
        let hints = km.hints(Context::Panes);
        assert!(
            hints.iter().any(|h| h.keys == "x" && h.label == "quit"),
            "{hints:?}"
        );
    }
}
