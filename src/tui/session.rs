//! Remembering the session: the story, article, claim, pane, filter and
//! sort shown when the browser quit, restored on the next start over the
//! same inputs (`--fresh` starts at the top instead).
//!
//! One small TOML file per set of inputs in
//! `<state dir>/crosscheck/sessions/` (`$XDG_STATE_HOME`, else
//! `~/.local/state` on Linux; the data directory elsewhere), named by a
//! hash of the inputs' absolute paths, written atomically. A session file
//! that is missing, unreadable or names an article that is gone is
//! ignored: the browser starts at the top.

use super::app::filter::{ArticleSort, Filter};
use super::app::{App, Pane};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest session file read.
const MAX_SESSION_BYTES: u64 = 64 * 1024;

/// What is remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Session {
    /// The inputs, for a person reading the file.
    pub inputs: Vec<String>,
    /// The story of the selected article.
    pub story: String,
    /// The selected article's id.
    pub article: String,
    /// The selected claim's text and offset.
    pub claim_text: Option<String>,
    /// The selected claim's byte offset.
    pub claim_start: Option<usize>,
    /// "articles", "reader" or "comparison".
    pub pane: String,
    /// The claim filter's name.
    pub filter: String,
    /// The article order's name.
    pub sort: String,
}

/// FNV-1a, 64 bits: a hash that is the same in every build (the standard
/// library's is not promised to be).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The inputs as remembered: absolute paths, or "(bundled)".
fn input_names(inputs: &[PathBuf]) -> Vec<String> {
    if inputs.is_empty() {
        return vec!["(bundled)".into()];
    }
    inputs
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect()
}

/// The session file of `inputs`, if there is a state directory.
pub fn path(inputs: &[PathBuf]) -> Option<PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_dir)?;
    let key = fnv1a(input_names(inputs).join("\n").as_bytes());
    Some(
        dir.join("crosscheck")
            .join("sessions")
            .join(format!("{key:016x}.toml")),
    )
}

fn pane_name(p: Pane) -> &'static str {
    match p {
        Pane::Articles => "articles",
        Pane::Reader => "reader",
        Pane::Comparison => "comparison",
    }
}

impl Session {
    /// The session of `app` over `inputs`.
    pub fn of(app: &App, inputs: &[PathBuf]) -> Session {
        let a = app.analysis();
        let article = a.articles.get(app.panes.article);
        let claim = app.panes.claim.and_then(|c| a.claims.get(c));
        Session {
            inputs: input_names(inputs),
            story: article.map(|x| x.story.clone()).unwrap_or_default(),
            article: article.map(|x| x.id.clone()).unwrap_or_default(),
            claim_text: claim.map(|c| c.text.clone()),
            claim_start: claim.map(|c| c.start),
            pane: pane_name(app.panes.focus).into(),
            filter: app.panes.filter.key().into(),
            sort: app.panes.sort.key().into(),
        }
    }

    /// Puts `app` where the session was; parts that no longer exist are
    /// left as they are.
    pub fn apply(&self, app: &mut App) {
        if let Some(f) = Filter::from_key(&self.filter) {
            app.panes.filter = f;
        }
        if let Some(s) = ArticleSort::from_key(&self.sort) {
            app.panes.sort = s;
        }
        app.refresh_order();
        let a = app.analysis();
        let Some(article) = a
            .articles
            .iter()
            .position(|x| x.id == self.article && x.story == self.story)
        else {
            app.sync();
            return;
        };
        let range = a.claim_range(article);
        let claim = self.claim_text.as_ref().and_then(|text| {
            range
                .clone()
                .filter(|&c| &a.claims[c].text == text)
                .min_by_key(|&c| a.claims[c].start.abs_diff(self.claim_start.unwrap_or(0)))
        });
        app.select_article(article);
        if let Some(c) = claim {
            app.select_claim(c);
        }
        app.panes.focus = Pane::ALL
            .into_iter()
            .find(|&p| pane_name(p) == self.pane)
            .unwrap_or(Pane::Reader);
        app.sync();
        app.scroll_to_claim();
    }

    /// Reads the session at `path`; `None` if missing or not a session.
    pub fn load(path: &Path) -> Option<Session> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() || meta.len() > MAX_SESSION_BYTES {
            return None;
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .ok()?
            .take(MAX_SESSION_BYTES)
            .read_to_string(&mut text)
            .ok()?;
        toml::from_str(&text).ok()
    }

    /// Writes the session to `path` atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".session.")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::update;
    use crate::tui::config::Config;
    use crosscheck::Analysis;

    #[test]
    fn a_session_survives_a_save_and_a_restart() {
        let analysis = Analysis::build(crosscheck::corpus::bundled());
        let mut app = App::new(analysis.clone(), Config::default(), (140, 45));
        update(&mut app, Action::FocusArticles);
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        update(&mut app, Action::FocusReader);
        update(&mut app, Action::Down);
        update(&mut app, Action::FocusComparison);
        update(&mut app, Action::Sort);
        let s = Session::of(&app, &[]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        s.save(&p).unwrap();
        let back = Session::load(&p).unwrap();
        assert_eq!(back, s);
        let mut fresh = App::new(analysis, Config::default(), (140, 45));
        back.apply(&mut fresh);
        assert_eq!(fresh.panes.article, app.panes.article);
        assert_eq!(fresh.panes.claim, app.panes.claim);
        assert_eq!(fresh.panes.focus, Pane::Comparison);
        assert_eq!(fresh.panes.sort, app.panes.sort);
        // A session naming an article that is gone changes nothing else.
        let gone = Session {
            article: "gone".into(),
            ..back
        };
        let mut other = App::new(fresh.data.analysis.clone(), Config::default(), (80, 24));
        gone.apply(&mut other);
        assert_eq!(other.panes.article, 0);
        assert!(Session::load(&dir.path().join("missing.toml")).is_none());
    }

    #[test]
    fn the_file_name_depends_on_the_inputs_only() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(path(&[]), path(&[]));
    }
}
