//! The user's config file: key and colour overrides.
//!
//! Read from `<config dir>/crosscheck/config.toml` (`$XDG_CONFIG_HOME` or
//! `~/.config` on Linux). A missing file means the defaults. The file is
//! read only if it is a regular file (a FIFO, a device such as `/dev/zero`
//! or a directory is refused without blocking) and at most
//! [`MAX_CONFIG_BYTES`] long. A bad file is an error naming the file and
//! line; the browser then refuses to start (exit status 1) rather than run
//! with settings the user did not ask for.
//!
//! ```toml
//! [keys]
//! search = ["/", "ctrl-f"]   # replaces the keys of the action everywhere
//! quit = "x"
//!
//! [colors]
//! differs = "magenta"        # names, "#rrggbb" or a 0-255 index
//! ```

use super::action::Action;
use super::keymap::{Context, KeyChord, KeyError, Keymap, KeymapError};
use super::theme::{Slot, Theme};
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use strum::VariantArray;
use thiserror::Error;

/// The largest config file read (a config file is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Settings from the config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Key bindings in effect.
    pub keymap: Keymap,
    /// Colours in effect.
    pub theme: Theme,
}

/// A problem with the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{}: {}", shown(&.path.display().to_string()), .line.map_or(String::new(), |l| format!(":{l}")), shown(&.problem.to_string()))]
pub struct ConfigError {
    /// The config file.
    pub path: PathBuf,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a config file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    /// It cannot be opened (the system's reason).
    #[error("cannot open: {0}")]
    Open(String),
    /// It cannot be read (the system's reason).
    #[error("cannot read: {0}")]
    Read(String),
    /// A FIFO, a device or a directory.
    #[error("not a regular file (a FIFO, device or directory): not read")]
    NotRegular,
    /// Over [`MAX_CONFIG_BYTES`] (its size, where known).
    #[error("larger than {} KiB{}: not read", MAX_CONFIG_BYTES / 1024, .0.map_or(String::new(), |n| format!(" ({n} bytes)")))]
    TooLarge(Option<u64>),
    /// Not UTF-8 (the offset of the first bad byte).
    #[error("not UTF-8 (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Not TOML, or a table other than `[keys]` and `[colors]`.
    #[error("{0}")]
    Toml(String),
    /// An action name that does not exist.
    #[error("unknown action '{0}' (known: {known})", known = Action::all().iter().map(|a| a.name()).collect::<Vec<_>>().join(", "))]
    UnknownAction(String),
    /// A `[keys.<section>]` that names no context.
    #[error("unknown key section [keys.{0}] (known: {known})", known = Context::ALL.iter().map(|c| c.config_name()).collect::<Vec<_>>().join(", "))]
    UnknownSection(String),
    /// An action that has no keys in that section's context.
    #[error("'{action}' has no keys in [keys.{section}]")]
    NotInSection {
        /// The action's name.
        action: String,
        /// The section's name.
        section: String,
    },
    /// Keys that are neither a string nor a list of strings.
    #[error("keys of '{0}' must be a string or a list of strings")]
    KeysType(String),
    /// A key name that does not parse.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A key bound to two actions, or a popup left without a key.
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    /// A colour value that is not a string.
    #[error("colour '{0}' must be a string")]
    ColourType(String),
    /// A colour value that is not a colour.
    #[error("unknown colour '{0}' (a name such as \"red\", \"#rrggbb\" or 0-255)")]
    UnknownColour(String),
    /// A colour slot that does not exist.
    #[error("unknown colour name '{0}' (known: {known})", known = Slot::VARIANTS.iter().map(|&s| <&str>::from(s)).collect::<Vec<_>>().join(", "))]
    UnknownSlot(String),
}

/// The message quotes the file's text and name: shown with control
/// characters made visible, never raw.
fn shown(s: &str) -> String {
    super::sanitize::sanitize(s).into_owned()
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
        Some(p) => match read_limited(&p) {
            Ok(Some(text)) => parse(&text, &p)?,
            Ok(None) => Config::default(),
            Err(problem) => {
                return Err(ConfigError {
                    path: p,
                    line: None,
                    problem,
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

/// The text of `path` if it is a regular file of at most
/// [`MAX_CONFIG_BYTES`]; `None` if it does not exist. The file is opened
/// without blocking (a FIFO swapped in after a check cannot hang the
/// open) and its type is checked on the opened handle.
fn read_limited(path: &Path) -> Result<Option<String>, Problem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::Open(e.to_string())),
    };
    let meta = file.metadata().map_err(|e| Problem::Read(e.to_string()))?;
    if !meta.is_file() {
        return Err(Problem::NotRegular);
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(Problem::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::new();
    // The size may change after the check: never read past the limit.
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::Read(e.to_string()))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Problem::TooLarge(None));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| Problem::NotUtf8(e.utf8_error().valid_up_to()))
}

/// The keys of a config value: a key name or a list of them.
fn key_list(value: &toml::Value, name: &str) -> Result<Vec<KeyChord>, Problem> {
    let names: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().ok_or(Problem::KeysType(name.to_string())))
            .collect::<Result<_, _>>()?,
        _ => return Err(Problem::KeysType(name.to_string())),
    };
    Ok(names
        .iter()
        .map(|k| KeyChord::parse(k))
        .collect::<Result<_, _>>()?)
}

/// The span of the first line after byte `from` that starts with `name`.
fn line_start_of(text: &str, from: usize, name: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = from.min(text.len());
    for line in text.get(offset..)?.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(name) || t.starts_with(&format!("\"{name}\"")) {
            return Some(offset..offset + line.len());
        }
        offset += line.len();
    }
    Some(from..from)
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
    let err = |span: Option<std::ops::Range<usize>>, problem: Problem| ConfigError {
        path: path.to_path_buf(),
        line: span.map(|s| line_of(text, s.start)),
        problem,
    };
    let raw: RawConfig = toml::from_str(text)
        .map_err(|e| err(e.span(), Problem::Toml(e.message().trim().to_string())))?;
    let mut config = Config::default();
    // `action = keys` first (every context), then `[keys.<context>]`
    // sections (that context only), so the more specific one wins.
    for (name, value) in &raw.keys {
        let span = Some(value.span());
        if matches!(value.get_ref(), toml::Value::Table(_)) {
            continue;
        }
        let action = Action::from_name(name)
            .ok_or_else(|| err(span.clone(), Problem::UnknownAction(name.clone())))?;
        let keys = key_list(value.get_ref(), name).map_err(|m| err(span, m))?;
        config.keymap.rebind(action, &keys);
    }
    for (section, value) in &raw.keys {
        let toml::Value::Table(table) = value.get_ref() else {
            continue;
        };
        let section_span = value.span();
        let context = Context::from_config_name(section).ok_or_else(|| {
            err(
                Some(section_span.clone()),
                Problem::UnknownSection(section.clone()),
            )
        })?;
        for (name, v) in table {
            // Nested values carry no position: the line of `name =` after
            // the section's start.
            let at = line_start_of(text, section_span.start, name);
            let action = Action::from_name(name)
                .ok_or_else(|| err(at.clone(), Problem::UnknownAction(name.clone())))?;
            let keys = key_list(v, name).map_err(|m| err(at.clone(), m))?;
            if !config.keymap.rebind_in(context, action, &keys) {
                return Err(err(
                    at,
                    Problem::NotInSection {
                        action: name.clone(),
                        section: section.clone(),
                    },
                ));
            }
        }
    }
    // A key meaning two things is an error naming both actions, at the
    // line of the last of them in the file.
    if let Err(e) = config.keymap.validate() {
        let line = raw
            .keys
            .values()
            .map(toml::Spanned::span)
            .max_by_key(|s| s.start);
        return Err(err(line, e.into()));
    }
    for (name, value) in &raw.colors {
        let span = Some(value.span());
        let s = value
            .get_ref()
            .as_str()
            .ok_or_else(|| err(span.clone(), Problem::ColourType(name.clone())))?;
        let color: Color = s
            .parse()
            .map_err(|_| err(span.clone(), Problem::UnknownColour(s.to_string())))?;
        let slot: Slot = name
            .parse()
            .map_err(|_| err(span.clone(), Problem::UnknownSlot(name.clone())))?;
        *config.theme.slot_mut(slot) = color;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PathBuf {
        PathBuf::from("/home/u/.config/crosscheck/config.toml")
    }

    #[test]
    fn empty_config_is_the_default() {
        assert_eq!(parse("", &p()), Ok(Config::default()));
    }

    #[test]
    fn keys_and_colours_override() {
        let c = parse(
            "[keys]\nsearch = [\"/\", \"ctrl-f\"]\nquit = \"x\"\n[colors]\ndiffers = \"magenta\"\ncontradicts = \"#ff8800\"\n",
            &p(),
        )
        .unwrap();
        assert_eq!(
            c.keymap
                .lookup(Context::Panes, KeyChord::parse("ctrl-f").unwrap()),
            Some(Action::Search)
        );
        assert_eq!(
            c.keymap
                .lookup(Context::Panes, KeyChord::parse("x").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(c.theme.differs, Color::Magenta);
        assert_eq!(c.theme.contradicts, Color::Rgb(0xff, 0x88, 0));
    }

    #[test]
    fn sections_rebind_one_context_only() {
        let c = parse(
            "[keys]\ndown = [\"j\", \"down\"]\n\n[keys.popups]\ndown = [\"down\", \"ctrl-j\"]\n",
            &p(),
        )
        .unwrap();
        let ctrl_j = KeyChord::parse("ctrl-j").unwrap();
        assert_eq!(c.keymap.lookup(Context::Input, ctrl_j), Some(Action::Down));
        assert_eq!(c.keymap.lookup(Context::Panes, ctrl_j), None);
        let e = parse("[keys.panel]\ndown = \"j\"\n", &p()).unwrap_err();
        assert!(
            e.to_string().contains("unknown key section [keys.panel]"),
            "{e}"
        );
        let e = parse("[keys.popups]\n\nmatrix = \"x\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = parse("[keys.popups]\nsearh = \"x\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn the_readme_example_is_the_default() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .unwrap_or_default();
        let start = readme
            .find("```toml\n[keys.anywhere]")
            .expect("the example in the README");
        let body = &readme[start + 8..];
        let body = &body[..body.find("```").unwrap_or(body.len())];
        let c = parse(body, &p()).unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn conflicting_bindings_are_an_error_naming_both_actions() {
        let e = parse("[keys]\nsearch = [\"q\"]\n", &p()).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("config.toml:2:"), "{shown}");
        assert!(
            shown.contains("'search'") && shown.contains("'quit'"),
            "{shown}"
        );
        let e = parse("[keys]\ndown = [\"k\"]\n", &p()).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.contains("'down'") && shown.contains("'up'"),
            "{shown}"
        );
    }

    #[test]
    fn control_characters_in_the_file_are_errors_shown_visibly() {
        let e = parse("[keys]\nquit = \"\\u001b\"\n", &p()).unwrap_err();
        assert_eq!(e.line, Some(2));
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
                problem: Problem::NotRegular,
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
            shown.starts_with("/home/u/.config/crosscheck/config.toml:3: unknown action 'serch'"),
            "{shown}"
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

    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_limited(&dir.path().join("missing.toml")), Ok(None));
        assert_eq!(read_limited(dir.path()), Err(Problem::NotRegular));
        assert_eq!(
            read_limited(Path::new("/dev/zero")),
            Err(Problem::NotRegular)
        );
        let big = dir.path().join("big.toml");
        std::fs::write(
            &big,
            vec![b'#'; usize::try_from(MAX_CONFIG_BYTES).unwrap() + 1],
        )
        .unwrap();
        let e = read_limited(&big).unwrap_err().to_string();
        assert!(e.contains("larger than 64 KiB (65537 bytes)"), "{e}");
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "[keys]\n").unwrap();
        assert_eq!(read_limited(&ok), Ok(Some("[keys]\n".into())));
    }
}
