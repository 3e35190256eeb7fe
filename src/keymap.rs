//! The key table: the single source of truth for key dispatch, the help
//! overlay and the status-bar hints.
//!
//! Every binding has keys, an [`Action`], a description and a [`Context`].
//! The defaults are [`DEFAULT_BINDINGS`]; the config file can replace the keys
//! of any action by its name ([`Action::name`]).

use crate::app::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere except while typing a search.
    Global,
    /// The three panes (articles, reader, comparison).
    Browse,
    /// The search popup.
    Search,
    /// The stories matrix, help and warning lists.
    Overlay,
}

impl Context {
    /// Heading used in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Browse => "Panes",
            Context::Search => "Search popup",
            Context::Overlay => "Stories matrix, help, warnings",
        }
    }

    /// All contexts in help order.
    pub const ALL: [Context; 4] = [
        Context::Global,
        Context::Browse,
        Context::Search,
        Context::Overlay,
    ];
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

    /// Parses "j", "G", "ctrl-d", "shift-tab", "pgdn", "enter", "esc", "up",
    /// "f1", "space"...
    pub fn parse(s: &str) -> Result<KeyChord, String> {
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
            (Some(c), None) if crate::ui::sanitize::is_unsafe(c) => {
                return Err(format!("unknown key '{s}' (a control character)"))
            }
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
            (None, _) => return Err(format!("empty key in '{s}'")),
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
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key '{s}'")),
            },
        };
        Ok(KeyChord { code, mods })
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

/// A default binding: key names, action, description, context, and a short
/// label when it is worth a status-bar hint.
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
    /// Short label for the status bar, if shown there.
    pub hint: Option<&'static str>,
}

macro_rules! b {
    ($ctx:ident, [$($k:expr),*], $action:ident, $desc:expr) => {
        DefaultBinding { keys: &[$($k),*], action: Action::$action, description: $desc, context: Context::$ctx, hint: None }
    };
    ($ctx:ident, [$($k:expr),*], $action:ident, $desc:expr, $hint:expr) => {
        DefaultBinding { keys: &[$($k),*], action: Action::$action, description: $desc, context: Context::$ctx, hint: Some($hint) }
    };
}

/// The default key table.
pub const DEFAULT_BINDINGS: &[DefaultBinding] = &[
    b!(
        Browse,
        ["j", "down"],
        Down,
        "next item (reader: next claim; comparison: next source)",
        "move"
    ),
    b!(
        Browse,
        ["k", "up"],
        Up,
        "previous item (reader: previous claim; comparison: previous source)"
    ),
    b!(Browse, ["g", "home"], Top, "first item"),
    b!(Browse, ["G", "end"], Bottom, "last item"),
    b!(Browse, ["pgdn"], PageDown, "scroll a page down"),
    b!(Browse, ["pgup"], PageUp, "scroll a page up"),
    b!(Browse, ["ctrl-d"], HalfPageDown, "scroll half a page down"),
    b!(Browse, ["ctrl-u"], HalfPageUp, "scroll half a page up"),
    b!(Browse, ["tab"], FocusNext, "focus the next pane", "pane"),
    b!(Browse, ["shift-tab"], FocusPrev, "focus the previous pane"),
    b!(
        Browse,
        ["enter"],
        Open,
        "open the article / show the claim's comparison / jump to the matched claim"
    ),
    b!(
        Browse,
        ["/"],
        Search,
        "fuzzy search claims and titles",
        "search"
    ),
    b!(Browse, ["n"], NextResult, "next search result"),
    b!(Browse, ["N"], PrevResult, "previous search result"),
    b!(
        Browse,
        ["s"],
        Matrix,
        "stories matrix (facts by source)",
        "stories"
    ),
    b!(
        Browse,
        ["y"],
        Copy,
        "copy the selected claim with its source (OSC 52)",
        "copy"
    ),
    b!(
        Browse,
        ["o"],
        OpenUrl,
        "open the article's URL, where known"
    ),
    b!(
        Browse,
        ["w"],
        Warnings,
        "list load warnings (skipped files)"
    ),
    b!(
        Search,
        ["enter"],
        Open,
        "jump to the selected result",
        "jump"
    ),
    b!(Search, ["down", "ctrl-n"], Down, "next result"),
    b!(Search, ["up", "ctrl-p"], Up, "previous result"),
    b!(Search, ["esc"], Close, "cancel", "cancel"),
    b!(
        Overlay,
        ["j", "down"],
        Down,
        "next row / scroll down",
        "move"
    ),
    b!(Overlay, ["k", "up"], Up, "previous row / scroll up"),
    b!(
        Overlay,
        ["h", "left"],
        Left,
        "previous source column (matrix)"
    ),
    b!(
        Overlay,
        ["l", "right"],
        Right,
        "next source column (matrix)"
    ),
    b!(Overlay, ["g", "home"], Top, "first row"),
    b!(Overlay, ["G", "end"], Bottom, "last row"),
    b!(Overlay, ["pgdn"], PageDown, "page down"),
    b!(Overlay, ["pgup"], PageUp, "page up"),
    b!(Overlay, ["ctrl-d"], HalfPageDown, "half a page down"),
    b!(Overlay, ["ctrl-u"], HalfPageUp, "half a page up"),
    b!(
        Overlay,
        ["enter"],
        Open,
        "jump to the fact's claim in that source (matrix)",
        "jump"
    ),
    b!(Overlay, ["esc"], Close, "close", "close"),
    b!(Global, ["?"], Help, "this help", "help"),
    b!(Global, ["q", "ctrl-c"], Quit, "quit", "quit"),
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
    /// Short label for the status bar, if shown there.
    pub hint: Option<&'static str>,
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
                keys: d
                    .keys
                    .iter()
                    .map(|k| KeyChord::parse(k).expect("default key names parse"))
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

    /// The action bound to `key` in `context`, if any.
    pub fn lookup(&self, context: Context, key: KeyChord) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The bindings of one context, in table order.
    pub fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// "key label" hints for the status bar in `context` (its own hints
    /// first, then the global ones).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for ctx in [context, Context::Global] {
            for b in self.in_context(ctx) {
                if let (Some(h), Some(k)) = (b.hint, b.keys.first()) {
                    let key = if b.action == Action::Down {
                        match self.in_context(ctx).find(|x| x.action == Action::Up) {
                            Some(up) if !up.keys.is_empty() => {
                                format!("{k}/{}", up.keys[0])
                            }
                            _ => k.to_string(),
                        }
                    } else {
                        k.to_string()
                    };
                    out.push((key, h));
                }
            }
        }
        out
    }

    /// The keys of a binding joined for display ("j, ↓").
    pub fn keys_label(b: &Binding) -> String {
        if b.keys.is_empty() {
            return "(unbound)".to_string();
        }
        b.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg_attr(not(test), allow(dead_code))]
/// The key table as Markdown (for the README): keys, what they do, where,
/// and the action's name in the config file.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::from("| Keys | Does | Where | Config name |\n|---|---|---|---|\n");
    for ctx in Context::ALL {
        for b in keymap.in_context(ctx) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | `{}` |\n",
                keys.join(" "),
                b.description,
                ctx.title(),
                b.action.name()
            ));
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
        let docs: Vec<String> = ["README.md"]
            .iter()
            .filter_map(|f| {
                std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + f)
                    .ok()
            })
            .collect();
        assert!(
            docs.iter().any(|d| d.contains(&table)),
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
    fn parses_key_names() {
        assert_eq!(
            KeyChord::parse("ctrl-d").unwrap(),
            KeyChord {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(KeyChord::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(KeyChord::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(KeyChord::parse("pgdn").unwrap().code, KeyCode::PageDown);
        assert_eq!(KeyChord::parse("f5").unwrap().code, KeyCode::F(5));
        assert!(KeyChord::parse("hyper-x").is_err());
        assert!(KeyChord::parse("").is_err());
    }

    #[test]
    fn events_fold_shift() {
        let k = KeyChord::from_event(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(k, KeyChord::parse("G").unwrap());
        let k = KeyChord::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(k, KeyChord::parse("shift-tab").unwrap());
        let k = KeyChord::from_event(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(k, KeyChord::parse("ctrl-c").unwrap());
    }

    #[test]
    fn every_default_key_parses_and_round_trips() {
        let km = Keymap::default();
        for b in &km.bindings {
            for k in &b.keys {
                let shown = k.to_string();
                assert!(!shown.is_empty());
            }
        }
        assert_eq!(
            km.lookup(Context::Global, KeyChord::parse("q").unwrap()),
            Some(Action::Quit)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let km = Keymap::default();
        for ctx in Context::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in km.in_context(ctx) {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{k} bound twice in {ctx:?}");
                }
            }
        }
    }

    #[test]
    fn rebind_replaces_keys() {
        let mut km = Keymap::default();
        km.rebind(Action::Quit, &[KeyChord::parse("x").unwrap()]);
        assert_eq!(
            km.lookup(Context::Global, KeyChord::parse("x").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(
            km.lookup(Context::Global, KeyChord::parse("q").unwrap()),
            None
        );
    }
}
