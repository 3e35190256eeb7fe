//! Reuters-21578 read straight from its SGML (`../shared/data/reuters21578`)
//! for the benchmarks, the way `scripts/reuters_to_jsonl.py` converts it:
//! one article per `<REUTERS>` with a `<BODY>`, Latin-1, `&#N;` codes
//! dropped, `&lt;` `&gt;` `&amp;` decoded, the dateline before the body.

use crosscheck::corpus::Article;

/// The articles of the first `files` SGML files (none when the folder is
/// absent).
pub fn articles(files: usize) -> Vec<Article> {
    let dir = std::path::Path::new("../shared/data/reuters21578");
    let mut out = Vec::new();
    for n in 0..files.min(22) {
        let Ok(bytes) = std::fs::read(dir.join(format!("reut2-{n:03}.sgm"))) else {
            continue;
        };
        // Latin-1: every byte is the char of the same value.
        let sgml: String = bytes.iter().map(|&b| b as char).collect();
        for doc in sgml.split("<REUTERS").skip(1) {
            let field = |tag: &str| {
                let open = format!("<{tag}>");
                let start = doc.find(&open)? + open.len();
                let end = doc[start..].find(&format!("</{tag}>"))? + start;
                Some(clean(&doc[start..end]))
            };
            let Some(body) = field("BODY") else { continue };
            let id = doc
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("0");
            let text = match field("DATELINE") {
                Some(d) => format!(
                    "{} - {}",
                    d.trim().trim_end_matches('-').trim(),
                    body.trim()
                ),
                None => body.trim().to_string(),
            };
            let mut a = Article::new(format!("reuters-{id}"), text);
            a.title = field("TITLE").map(|t| t.trim().to_string());
            a.date = field("DATE").and_then(|d| {
                chrono::NaiveDate::parse_from_str(d.trim().get(..11)?, "%d-%b-%Y").ok()
            });
            out.push(a);
        }
    }
    out
}

fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match rest.find(';') {
            Some(j) if j <= 6 => rest = &rest[j + 1..],
            _ => {
                out.push_str("&#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
