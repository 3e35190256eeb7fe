//! The user's config file: key and colour overrides.
//!
//! Read from `<config dir>/crosscheck/config.toml` (`$XDG_CONFIG_HOME` or
//! `~/.config` on Linux). A missing file means the defaults. A bad file is an
//! error naming the file and line; the browser then refuses to start (exit
//! status 1) rather than run with settings the user did not ask for.
//!
//! ```toml
//! [keys]
//! search = ["/", "f"]   # replaces the keys of the action everywhere
//! quit = "x"
//!
//! [colors]
//! differs = "magenta"   # names, "#rrggbb" or a 0-255 index
//! ```

use crate::app::Action;
use crate::keymap::{KeyChord, Keymap};
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Colours of the browser; every one can be overridden by name in `[colors]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Claims other sources report the same way.
    pub corroborated: Color,
    /// Claims whose figures differ elsewhere.
    pub differs: Color,
    /// Claims no other source reports.
    pub single: Color,
    /// Shared terms in a matched sentence, matched characters in search.
    pub highlight: Color,
    /// Focused pane border, titles.
    pub accent: Color,
    /// Secondary text (metadata, captions, boilerplate).
    pub dim: Color,
    /// Whether colours are used at all (off with `NO_COLOR`).
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            corroborated: Color::Green,
            differs: Color::Red,
            single: Color::Reset,
            highlight: Color::Cyan,
            accent: Color::Blue,
            dim: Color::DarkGray,
            color: true,
        }
    }
}

impl Theme {
    /// Names accepted in `[colors]`, with their defaults.
    pub const NAMES: [&'static str; 6] = [
        "corroborated",
        "differs",
        "single",
        "highlight",
        "accent",
        "dim",
    ];

    fn slot(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "corroborated" => &mut self.corroborated,
            "differs" => &mut self.differs,
            "single" => &mut self.single,
            "highlight" => &mut self.highlight,
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            _ => return None,
        })
    }

    /// The theme without colours (bold, underline, reverse and text badges
    /// carry all meaning).
    pub fn monochrome() -> Theme {
        Theme {
            corroborated: Color::Reset,
            differs: Color::Reset,
            single: Color::Reset,
            highlight: Color::Reset,
            accent: Color::Reset,
            dim: Color::Reset,
            color: false,
        }
    }

    /// `c`, or no colour at all when colours are off.
    pub fn fg(&self, c: Color) -> Option<Color> {
        (self.color && c != Color::Reset).then_some(c)
    }
}

/// Settings from the config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Key bindings in effect.
    pub keymap: Keymap,
    /// Colours in effect.
    pub theme: Theme,
}

/// A problem with the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file.
    pub path: PathBuf,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message quotes the file's text: shown with its control
        // characters made visible, never raw.
        use crate::ui::sanitize::sanitize;
        let path = self.path.display().to_string();
        let (path, message) = (sanitize(&path), sanitize(&self.message));
        match self.line {
            Some(l) => write!(f, "{path}:{l}: {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<toml::Value>>,
    #[serde(default)]
    colors: BTreeMap<String, toml::Spanned<toml::Value>>,
}

/// The config file's path: `<config dir>/crosscheck/config.toml`.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("crosscheck").join("config.toml"))
}

/// Loads the config file if there is one; `NO_COLOR` (non-empty) turns
/// colours off whatever the file says.
pub fn load() -> Result<Config, ConfigError> {
    let mut config = match path() {
        Some(p) => match std::fs::read_to_string(&p) {
            Ok(text) => parse(&text, &p)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => {
                return Err(ConfigError {
                    path: p,
                    line: None,
                    message: format!("cannot read: {e}"),
                })
            }
        },
        None => Config::default(),
    };
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        config.theme = Theme::monochrome();
    }
    Ok(config)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses config text; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_path_buf(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| err(e.span(), e.message().trim().to_string()))?;
    let mut config = Config::default();
    for (name, value) in &raw.keys {
        let span = Some(value.span());
        let action = Action::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Action::NAMED.iter().map(|a| a.name()).collect();
            err(
                span.clone(),
                format!("unknown action '{name}' (known: {})", known.join(", ")),
            )
        })?;
        let names: Vec<&str> = match value.get_ref() {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items
                .iter()
                .map(|v| {
                    v.as_str().ok_or_else(|| {
                        err(span.clone(), format!("keys of '{name}' must be strings"))
                    })
                })
                .collect::<Result<_, _>>()?,
            _ => {
                return Err(err(
                    span,
                    format!("keys of '{name}' must be a string or a list of strings"),
                ))
            }
        };
        let keys = names
            .iter()
            .map(|k| KeyChord::parse(k).map_err(|m| err(span.clone(), m)))
            .collect::<Result<Vec<_>, _>>()?;
        config.keymap.rebind(action, &keys);
    }
    for (name, value) in &raw.colors {
        let span = Some(value.span());
        let s = value
            .get_ref()
            .as_str()
            .ok_or_else(|| err(span.clone(), format!("colour '{name}' must be a string")))?;
        let color: Color = s.parse().map_err(|_| {
            err(
                span.clone(),
                format!("unknown colour '{s}' (a name such as \"red\", \"#rrggbb\" or 0-255)"),
            )
        })?;
        let slot = config.theme.slot(name).ok_or_else(|| {
            err(
                span.clone(),
                format!(
                    "unknown colour name '{name}' (known: {})",
                    Theme::NAMES.join(", ")
                ),
            )
        })?;
        *slot = color;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Context;

    fn p() -> PathBuf {
        PathBuf::from("/home/u/.config/crosscheck/config.toml")
    }

    #[test]
    fn empty_config_is_the_default() {
        assert_eq!(parse("", &p()).unwrap(), Config::default());
    }

    #[test]
    fn keys_and_colours_override() {
        let c = parse(
            "[keys]\nsearch = [\"/\", \"f\"]\nquit = \"x\"\n[colors]\ndiffers = \"magenta\"\n",
            &p(),
        )
        .unwrap();
        assert_eq!(
            c.keymap
                .lookup(Context::Browse, KeyChord::parse("f").unwrap()),
            Some(Action::Search)
        );
        assert_eq!(
            c.keymap
                .lookup(Context::Global, KeyChord::parse("x").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(c.theme.differs, Color::Magenta);
    }

    #[test]
    fn control_characters_in_the_file_are_errors_shown_visibly() {
        // A key that is a control character is not a key.
        let e = parse("[keys]\nquit = \"\\u001b\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(2));
        // Names quoted in messages are shown with ^[, never raw.
        let e = parse(
            "[keys]\n\"x\\u001b]0;pwned\\u0007\" = \"q\"\n[colors]\n",
            &p(),
        )
        .unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("x^[]0;pwned^G"), "{shown}");
        let e = parse("[colors]\ndiffers = \"\\u009b2J\"\n", &p()).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("<U+009B>2J"), "{shown}");
        for e in [
            parse("[keys]\n\"\\u001b[2J\" = \"q\"\n", &p()).unwrap_err(),
            parse("[keys]\nquit = \"ctrl-\\u0007\"\n", &p()).unwrap_err(),
            ConfigError {
                path: PathBuf::from("/tmp/\u{1b}]0;t\u{7}/config.toml"),
                line: None,
                message: "m".into(),
            },
        ] {
            let shown = e.to_string();
            assert!(!shown.chars().any(char::is_control), "{shown:?}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse("[keys]\nsearch = \"/\"\nserch = \"f\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(3));
        let shown = e.to_string();
        assert!(
            shown.starts_with("/home/u/.config/crosscheck/config.toml:3: unknown action 'serch'")
        );

        let e = parse("[keys]\nquit = \"hyper-q\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse("\n\n[colors]\ndiffers = \"blurple\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(4));
        let e = parse("[keys\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = parse("[colours]\n", &p()).unwrap_err();
        assert!(e.line.is_some(), "{e}");
        let e = parse("[keys]\nquit = 3\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
