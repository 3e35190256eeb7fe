//! The browser's house rules, checked on the source: the modules of
//! `src/tui/` depend on each other one way only (no import circle), and no
//! file of `src/` outside `src/tui/` uses the terminal crates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// A file's code without its unit tests (a test may use anything).
fn code(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i])
}

/// The module path of a file under `src/tui` (`app/update.rs` is
/// `["app", "update"]`, `app/mod.rs` is `["app"]`).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Names after `prefix` in `text`: `prefix::x` and `prefix::{x, y::z}`.
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        // Only a path that starts here (not `a::super::`).
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// The top-level `tui` modules each top-level module uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_path(f.strip_prefix(&root).ok()?).first().cloned())
        .collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Ok(rel) = f.strip_prefix(&root) else {
            continue;
        };
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.ends_with("tests.rs") || name == "fixture.rs" {
            continue;
        }
        let path = module_path(rel);
        let Some(top) = path.first().cloned() else {
            continue; // tui/mod.rs declares the modules
        };
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let text = code(&text);
        let mut used: Vec<String> = names_after(text, "crate::tui::");
        // `super::x` from a module at depth d names a module at depth d - 1.
        let parent = &path[..path.len() - 1];
        for name in names_after(text, "super::") {
            match parent.first() {
                Some(p) => used.push(p.clone()),
                None => used.push(name),
            }
        }
        for u in used {
            if tops.contains(&u) && u != top {
                g.entry(top.clone()).or_default().insert(u);
            }
        }
        g.entry(top).or_default();
    }
    g
}

/// Depth-first search from `n`: panics naming the circle if there is one.
fn visit(
    n: &str,
    g: &BTreeMap<String, BTreeSet<String>>,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) {
    if done.contains(n) {
        return;
    }
    if let Some(i) = stack.iter().position(|s| s == n) {
        panic!("import circle: {} -> {n}", stack[i..].join(" -> "));
    }
    stack.push(n.to_string());
    for m in g.get(n).into_iter().flatten() {
        visit(m, g, stack, done);
    }
    stack.pop();
    done.insert(n.to_string());
}

#[test]
fn tui_modules_have_no_import_circle() {
    let g = graph();
    assert!(
        g.contains_key("app") && g.contains_key("ui") && g.contains_key("keymap"),
        "{g:?}"
    );
    // The known one-way edges.
    assert!(g["ui"].contains("app"));
    assert!(g["config"].contains("keymap"));
    assert!(g["keymap"].contains("action"));
    for (from, to) in [
        ("app", "ui"),
        ("keymap", "config"),
        ("keymap", "app"),
        ("action", "keymap"),
    ] {
        assert!(!g[from].contains(to), "{from} must not use {to}: {g:?}");
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        visit(n, &g, &mut Vec::new(), &mut done);
    }
}

#[test]
fn no_terminal_code_outside_the_tui_folder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tui = src.join("tui");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files.iter().filter(|f| !f.starts_with(&tui)) {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for word in ["ratatui", "crossterm"] {
            assert!(
                !text.contains(word),
                "{} uses {word}: terminal code belongs in src/tui/",
                f.display()
            );
        }
    }
}

#[test]
fn the_scanner_finds_uses() {
    assert_eq!(
        names_after("use super::{a, b::c}; use crate::tui::x::y;", "super::"),
        vec!["a", "b"]
    );
    assert_eq!(
        names_after("crate::tui::keymap::Keymap", "crate::tui::"),
        vec!["keymap"]
    );
    assert_eq!(module_path(Path::new("app/mod.rs")), vec!["app"]);
}
