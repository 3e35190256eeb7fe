//! Fits and evaluates the story grouping (`src/stories.rs`).
//!
//! ```sh
//! scripts/stories.sh            # converts BASIL and Reuters, then runs this
//! cargo run --release --example stories -- [--fit] [--keys N] [--postings N] basil.jsonl [reuters.jsonl]
//! ```
//!
//! `basil.jsonl` is `scripts/basil_to_jsonl.py --story none`: no story, and
//! an `event` field (the triplet id) that is the truth. Events dated 2010 to
//! 2014 are for fitting, 2015 to 2019 are held out.
//!
//! With `--fit`, the setting is fitted on the fitting events (each setting
//! groups the fitting articles alone) and written to `data/stories.toml`:
//! first with the dates removed, so that the words alone must tell the
//! events apart (as on a busy wire day), the headline weight, the lead and
//! the threshold with the best pairwise F1; then, with dates, the narrowest
//! date window with the best F1. Then, with the stored setting, it prints pairwise
//! precision and recall of "same story" on the held-out events (grouped
//! alone) and on all of BASIL, and for Reuters-21578 (no truth there) the
//! number of stories, their size distribution and the largest ones.

use crosscheck::corpus::{self, Article};
use crosscheck::stories::{self, StoryConfig};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// Last year of the fitting events.
const FIT_UNTIL_YEAR: i32 = 2014;

fn load(path: &str) -> Vec<Article> {
    let c = corpus::load_paths(&[PathBuf::from(path)]);
    for w in &c.warnings {
        eprintln!("stories: {w}");
    }
    c.articles
}

/// `id -> event` from a BASIL JSONL file.
fn events(path: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_string(),
                v["event"].as_str()?.to_string(),
            ))
        })
        .collect()
}

/// Pairwise counts of "same story": (true positives, predicted pairs, true
/// pairs).
fn pair_counts(groups: &[Vec<usize>], truth: &[&str]) -> (u64, u64, u64) {
    let mut label = vec![usize::MAX; truth.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            label[i] = g;
        }
    }
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    for i in 0..truth.len() {
        for j in i + 1..truth.len() {
            let same_pred = label[i] == label[j];
            let same_gold = truth[i] == truth[j];
            tp += u64::from(same_pred && same_gold);
            pred += u64::from(same_pred);
            gold += u64::from(same_gold);
        }
    }
    (tp, pred, gold)
}

#[derive(Debug, Clone, Copy)]
struct Prf {
    p: f64,
    r: f64,
    f: f64,
}

fn prf(groups: &[Vec<usize>], truth: &[&str]) -> Prf {
    let (tp, pred, gold) = pair_counts(groups, truth);
    let p = if pred == 0 {
        1.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf { p, r, f }
}

fn evaluate(articles: &[Article], truth: &[&str], config: &StoryConfig) -> (Prf, usize) {
    let groups = stories::group(articles, config);
    (prf(&groups, truth), groups.len())
}

fn subset<'a>(
    articles: &[Article],
    events: &'a HashMap<String, String>,
    keep: impl Fn(&Article) -> bool,
) -> (Vec<Article>, Vec<&'a str>) {
    let arts: Vec<Article> = articles.iter().filter(|a| keep(a)).cloned().collect();
    let truth = arts
        .iter()
        .map(|a| events.get(&a.id).map_or("", String::as_str))
        .collect();
    (arts, truth)
}

/// The grid's best by F1; ties go to the earlier setting.
fn best<'a>(scored: impl Iterator<Item = (StoryConfig, Prf)> + 'a) -> Option<(StoryConfig, Prf)> {
    let mut top: Option<(StoryConfig, Prf)> = None;
    for (c, s) in scored {
        if top.as_ref().is_none_or(|t| s.f > t.1.f) {
            top = Some((c, s));
        }
    }
    top
}

/// Stage 1 without dates (the words alone must tell the events apart, as on
/// a busy wire day): index keys per article, headline weight, lead and
/// threshold. Stage 2 with
/// dates: the narrowest date window with the best F1.
fn fit(train: &[Article], truth: &[&str], base: &StoryConfig) -> (StoryConfig, Prf, Prf) {
    let undated: Vec<Article> = train
        .iter()
        .cloned()
        .map(|mut a| {
            a.date = None;
            a
        })
        .collect();
    let mut grid = Vec::new();
    // Fewer index keys first: on a tie the cheaper setting wins.
    for index_terms in [10, 20, 40] {
        for title_weight in [1.0, 2.0, 3.0] {
            for (lead_words, lead_weight) in [
                (0, 1.0),
                (50, 2.0),
                (50, 3.0),
                (100, 2.0),
                (100, 3.0),
                (200, 2.0),
                (200, 3.0),
            ] {
                for t in 8..=30 {
                    grid.push(StoryConfig {
                        threshold: t as f32 / 100.0,
                        title_weight,
                        lead_words,
                        lead_weight,
                        index_terms,
                        ..base.clone()
                    });
                }
            }
        }
    }
    let (stage1, blind) = best(grid.into_iter().map(|c| {
        let s = evaluate(&undated, truth, &c).0;
        (c, s)
    }))
    .expect("a non-empty grid");
    let (config, dated) = best([1, 2, 3, 5, 7, 10, 14].into_iter().map(|window_days| {
        let c = StoryConfig {
            window_days,
            ..stage1.clone()
        };
        let s = evaluate(train, truth, &c).0;
        (c, s)
    }))
    .expect("a non-empty grid");
    (config, blind, dated)
}

fn write_config(config: &StoryConfig, n_train: usize, blind: Prf, dated: Prf) {
    let text = format!(
        "# Story grouping settings (src/stories.rs). Do not edit by hand: fitted by\n\
         # `scripts/stories.sh --fit` (examples/stories.rs) on the BASIL events dated\n\
         # 2010-{FIT_UNTIL_YEAR} ({n_train} articles; the events of 2015-2019 are held out).\n\
         # Stage 1, dates removed (the words alone must tell the events apart): the\n\
         # best pairwise F1 of \"same story\" over index keys per article (10, 20,\n\
         # 40; on a tie the fewest), headline weights 1-3, leads of 0/50/100/200\n\
         # words weighted 2-3 and thresholds 0.08-0.30:\n\
         # P {:.3} R {:.3} F1 {:.3}.\n\
         threshold = {:.2}\n\
         index_terms = {}\n\
         title_weight = {:.1}\n\
         lead_words = {}\n\
         lead_weight = {:.1}\n\
         # Stage 2, with dates: the narrowest window (1-14 days) with the best F1:\n\
         # P {:.3} R {:.3} F1 {:.3}.\n\
         window_days = {}\n\
         # Candidate generation (speed and memory): the most articles one index key\n\
         # may hold, so that each article is compared with at most\n\
         # index_terms x max_postings others.\n\
         max_postings = {}\n",
        blind.p,
        blind.r,
        blind.f,
        config.threshold,
        config.index_terms,
        config.title_weight,
        config.lead_words,
        config.lead_weight,
        dated.p,
        dated.r,
        dated.f,
        config.window_days,
        config.max_postings
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/stories.toml");
    std::fs::write(path, text).expect("data/stories.toml is writable");
    println!("wrote {path} (rebuild to use it)");
}

fn reuters(path: &str, config: &StoryConfig) {
    let articles = load(path);
    let mut times = Vec::new();
    let mut groups = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        groups = stories::group(&articles, config);
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mut sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "\nReuters-21578: {} articles, {} stories, grouping {:.2} s (median of 3)",
        articles.len(),
        groups.len(),
        times[1]
    );
    let bins = [
        (1, 1),
        (2, 2),
        (3, 5),
        (6, 10),
        (11, 20),
        (21, 50),
        (51, usize::MAX),
    ];
    println!("size      stories  articles");
    for (lo, hi) in bins {
        let n = sizes.iter().filter(|&&s| s >= lo && s <= hi).count();
        let a: usize = sizes.iter().filter(|&&s| s >= lo && s <= hi).sum();
        let name = match (lo, hi) {
            (l, h) if l == h => format!("{l}"),
            (l, usize::MAX) => format!("{l}+"),
            (l, h) => format!("{l}-{h}"),
        };
        println!("{name:<9} {n:>7}  {a:>8}");
    }
    let mut arts = articles.clone();
    stories::assign(&mut arts, config);
    let mut big: Vec<&Vec<usize>> = groups.iter().collect();
    big.sort_by_key(|g| std::cmp::Reverse(g.len()));
    println!("largest:");
    for g in big.iter().take(10) {
        let titles: Vec<&str> = g
            .iter()
            .take(4)
            .map(|&i| articles[i].title.as_deref().unwrap_or(""))
            .collect();
        println!(
            "  {:>3}  {}  [{}]",
            g.len(),
            arts[g[0]].story,
            titles.join(" | ")
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let do_fit = args.iter().any(|a| a == "--fit");
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|&(i, a)| {
            let is_value = i > 0 && matches!(args[i - 1].as_str(), "--keys" | "--postings");
            !a.starts_with("--") && !is_value
        })
        .map(|(_, a)| a)
        .collect();
    let Some(basil) = files.first() else {
        eprintln!("usage: stories [--fit] basil.jsonl [reuters.jsonl]");
        std::process::exit(1);
    };
    // `--keys N` / `--postings N`: candidate generation other than stored.
    let mut base = StoryConfig::default();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    if let Some(k) = value("--keys") {
        base.index_terms = k;
    }
    if let Some(p) = value("--postings") {
        base.max_postings = p;
    }
    let all = load(basil);
    let events = events(basil);
    if all.is_empty() || events.is_empty() || all.iter().any(|a| !stories::is_storyless(a)) {
        eprintln!("stories: {basil}: expected BASIL as `basil_to_jsonl.py --story none`");
        std::process::exit(1);
    }
    let year = |a: &Article| a.date.map_or(0, |d| chrono::Datelike::year(&d));
    let (train, train_truth) = subset(&all, &events, |a| year(a) <= FIT_UNTIL_YEAR);
    let (test, test_truth) = subset(&all, &events, |a| year(a) > FIT_UNTIL_YEAR);
    let (all, all_truth) = subset(&all, &events, |_| true);
    let config = if do_fit {
        let (c, blind, dated) = fit(&train, &train_truth, &base);
        write_config(&c, train.len(), blind, dated);
        c
    } else {
        base
    };
    println!(
        "setting: threshold {:.2}, window {} days, title weight {}, lead {} words x {}, {} keys x {} postings",
        config.threshold,
        config.window_days,
        config.title_weight,
        config.lead_words,
        config.lead_weight,
        config.index_terms,
        config.max_postings
    );
    println!(
        "\npairwise \"same story\" on BASIL    articles  events  stories  precision  recall  F1"
    );
    for (name, arts, truth) in [
        ("fitting events (2010-2014)", &train, &train_truth),
        ("held out (2015-2019)", &test, &test_truth),
        ("all of BASIL", &all, &all_truth),
    ] {
        let (s, n) = evaluate(arts, truth, &config);
        let mut ev: Vec<&&str> = truth.iter().collect();
        ev.sort();
        ev.dedup();
        println!(
            "{name:<33} {:>8}  {:>6}  {n:>7}  {:>9.3}  {:>6.3}  {:.3}",
            arts.len(),
            ev.len(),
            s.p,
            s.r,
            s.f
        );
    }
    if let Some(r) = files.get(1) {
        reuters(r, &config);
    }
}
