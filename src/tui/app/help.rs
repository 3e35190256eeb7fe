//! The help overlay's content: every binding in effect by context (from
//! the keymap, so it is never out of step with the keys), then what the
//! markers, badges and styles mean.

use super::comparison::{status_header, status_marker, NOT_REPORTED};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::role::Role;
use crate::tui::wrap::Pieces;
use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::Relation;
use crosscheck::verdicts::Verdict;

/// The help text, one entry per line (cut to the width when drawn);
/// without the story list's keys (its own and the one going back to it)
/// when `many_stories` is false: a corpus of one story never shows the
/// list.
pub fn lines(
    keymap: &Keymap,
    config_path: Option<&std::path::Path>,
    many_stories: bool,
) -> Vec<Pieces<Role>> {
    let mut out: Vec<Pieces<Role>> = Vec::new();
    let row = |left: String, right: &str| {
        vec![
            (format!("  {left:<16} "), Role::Strong),
            (right.to_string(), Role::Plain),
        ]
    };
    for ctx in Context::ALL {
        // The loading screen's keys are spent by the time help can open.
        if ctx == Context::Loading || (ctx == Context::Stories && !many_stories) {
            continue;
        }
        out.push(vec![(ctx.title().to_string(), Role::Header)]);
        for b in keymap.in_context(ctx) {
            if b.action == crate::tui::action::Action::Stories && !many_stories {
                continue;
            }
            out.push(row(Keymap::keys_label(b), b.description));
        }
        out.push(Vec::new());
    }
    out.push(vec![(
        "Claim markers (reader gutter, article counts)".into(),
        Role::Header,
    )]);
    for (s, meaning) in [
        (
            ClaimStatus::Corroborated,
            "another source reports it the same way",
        ),
        (
            ClaimStatus::Differs,
            "another source gives other figures or dates",
        ),
        (ClaimStatus::Contradicts, "another source says the opposite"),
        (ClaimStatus::SingleSource, "no other source reports it"),
    ] {
        out.push(vec![
            (format!("  {}  ", status_marker(s)), Role::Status(s)),
            (
                format!("{:<20}", status_header(s).to_lowercase()),
                Role::Strong,
            ),
            (meaning.into(), Role::Plain),
        ]);
    }
    out.push(Vec::new());
    out.push(vec![(
        "Verdicts (second gutter column, matrix cells)".into(),
        Role::Header,
    )]);
    let mut v = vec![("  ".to_string(), Role::Plain)];
    for verdict in Verdict::ALL {
        v.push((format!("{} ", verdict.marker()), Role::Mark));
        v.push((format!("{}   ", verdict.label()), Role::Plain));
    }
    out.push(v);
    out.push(Vec::new());
    out.push(vec![("Badges (comparison pane)".into(), Role::Header)]);
    for (r, meaning) in [
        (
            Some(Relation::Agrees),
            "the same statement, the same figures",
        ),
        (
            Some(Relation::Differs),
            "the same quantity with other figures (or another date)",
        ),
        (
            Some(Relation::Contradicts),
            "the opposite statement (confirmed / denied)",
        ),
        (Some(Relation::Related), "the same topic, another statement"),
        (None, "no matching sentence in that source"),
    ] {
        let badge = r.map_or(NOT_REPORTED, Relation::badge);
        out.push(vec![
            (format!("  [{badge}]"), Role::Badge(r)),
            (" ".repeat(15usize.saturating_sub(badge.len())), Role::Plain),
            (meaning.into(), Role::Plain),
        ]);
    }
    out.push(row(
        "compatible".into(),
        "the two figures' ranges overlap: both may be true",
    ));
    out.push(row(
        "incompatible".into(),
        "they do not overlap: both cannot be true",
    ));
    out.push(row(
        "score 0.81".into(),
        "how sure the matcher is that the sentences state the same fact (0-1)",
    ));
    out.push(Vec::new());
    out.push(vec![("Stories matrix cells".into(), Role::Header)]);
    out.push(row(
        "reports  =".into(),
        "the source reports the fact as the others do",
    ));
    out.push(row("DIFFERS  ≠".into(), "its figures or dates differ"));
    out.push(row("CONTRA   ✗".into(), "it says the opposite"));
    out.push(row("—".into(), "it does not report the fact"));
    out.push(row("only in N".into(), "reported by source N alone"));
    out.push(Vec::new());
    out.push(vec![("Styles".into(), Role::Header)]);
    out.push(vec![
        ("  ".into(), Role::Plain),
        ("bold".into(), Role::Strong),
        (" figure   ".into(), Role::Plain),
        ("italic".into(), Role::Quote),
        (" quote   ".into(), Role::Plain),
        ("underlined".into(), Role::Status(ClaimStatus::Corroborated)),
        (
            " reported elsewhere   reverse video: the selection".into(),
            Role::Plain,
        ),
    ]);
    out.push(Vec::new());
    out.push(vec![(
        "Mouse: click selects, wheel scrolls.".into(),
        Role::Dim,
    )]);
    let path = config_path.map_or("(no config directory)".into(), |p| p.display().to_string());
    out.push(vec![(
        format!("Keys and colours can be changed in {path}"),
        Role::Dim,
    )]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_binding_and_explains_every_marker_and_badge() {
        let km = Keymap::default();
        let text: Vec<String> = lines(&km, None, true)
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        let all = text.join("\n");
        // Every binding but the loading screen's, which are spent by the
        // time help can open.
        for b in &km.bindings {
            let shown = all.contains(b.description);
            assert_eq!(shown, b.context != Context::Loading, "{}", b.description);
        }
        for needle in [
            "=  ",
            "≠  ",
            "✗  ",
            "·  ",
            "[AGREES]",
            "[DIFFERS]",
            "[CONTRADICTS]",
            "[RELATED]",
            "[NOT REPORTED]",
            "compatible",
            "incompatible",
            "needs source",
        ] {
            assert!(all.contains(needle), "{needle}");
        }
        // Enter is not offered where it does nothing.
        let lists = km.in_context(Context::Lists).map(|b| b.action);
        assert!(!lists
            .into_iter()
            .any(|a| a == crate::tui::action::Action::Open));
    }
}
