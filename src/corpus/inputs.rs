//! The command line's inputs, whatever they are: files and folders (read by
//! [`super::load_paths`]), web addresses and URL list files (fetched, see
//! [`super::fetch`]), in the order given.

use super::fetch::{fetch, FetchEvent, FetchOptions};
use super::urls::{self, ListLine};
use super::{html, load_paths, Corpus, LoadWarning};
use std::path::{Path, PathBuf};

/// Loads every input: a web address (`https://...`) is fetched (or read
/// from the cache) and its article extracted; a URL list file (a `.txt`
/// file of addresses, one per line, see [`urls::parse_list`]) has each of
/// its addresses fetched; everything else goes to [`load_paths`]. A page
/// that fails is one warning naming its address and the reason, and the
/// rest still loads. `on_event` sees the progress of every fetch.
///
/// Inputs that are all files and folders load exactly as with
/// [`load_paths`].
pub fn load_inputs(
    inputs: &[PathBuf],
    opts: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent),
) -> Corpus {
    let mut corpus = Corpus::default();
    let mut files: Vec<&Path> = Vec::new();
    for input in inputs {
        let text = input.to_string_lossy();
        let list = if urls::is_url(&text) {
            Some(vec![ListLine::Url(0, text.into_owned())])
        } else {
            urls::read_list(input)
        };
        let Some(list) = list else {
            files.push(input);
            continue;
        };
        // Files before this address load first, as one batch, so that
        // files-only inputs behave exactly as `load_paths`.
        if !files.is_empty() {
            corpus.absorb(load_paths(&files));
            files.clear();
        }
        for line in list {
            match line {
                ListLine::Url(_, url) => load_url(&url, opts, on_event, &mut corpus),
                ListLine::Bad(n, text) => corpus.warnings.push(LoadWarning::new(
                    input,
                    Some(n),
                    format!("not an http(s) address ('{text}'): line skipped"),
                )),
            }
        }
    }
    if !files.is_empty() {
        corpus.absorb(load_paths(&files));
    }
    corpus
}

/// Fetches one page and adds its article (or a warning naming the address).
fn load_url(
    url: &str,
    opts: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent),
    corpus: &mut Corpus,
) {
    let origin = PathBuf::from(url);
    let fetched = match fetch(url, opts, on_event) {
        Ok(f) => f,
        Err(reason) => {
            corpus.warnings.push(LoadWarning::new(
                &origin,
                None,
                format!("{reason}: skipped"),
            ));
            return;
        }
    };
    if let Some(reason) = &fetched.refresh_failed {
        corpus.warnings.push(LoadWarning::new(
            &origin,
            None,
            format!("fetching again failed ({reason}): the cached copy is used"),
        ));
    }
    let charset = fetched
        .content_type
        .as_deref()
        .and_then(html::charset_of_content_type);
    match html::extract(fetched.body, charset.as_deref(), Some(&fetched.final_url)) {
        Ok(page) => {
            for n in &page.notes {
                corpus
                    .warnings
                    .push(LoadWarning::new(&origin, None, n.clone()));
            }
            let article = html::article(urls::article_id(url), page, url);
            corpus.push(article, &origin, None);
        }
        Err(m) => corpus.warnings.push(LoadWarning::new(&origin, None, m)),
    }
}

impl Corpus {
    /// Appends another corpus's articles (a later duplicate id is skipped
    /// with a warning) and warnings.
    pub(crate) fn absorb(&mut self, other: Corpus) {
        self.warnings.extend(other.warnings);
        self.inputs.extend(other.inputs);
        for a in other.articles {
            let origin = PathBuf::from(a.path.clone().unwrap_or_default());
            self.push(a, &origin, None);
        }
    }
}
