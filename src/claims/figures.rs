//! Figures: numbers with their qualifier and the thing counted, as intervals.

use super::{Figure, Qualifier};

/// Finds the figures in `sentence`, whose first byte is at `base` in the
/// article text.
pub fn find_figures(sentence: &str, base: usize) -> Vec<Figure> {
    let mut out = Vec::new();
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',') {
                i += 1;
            }
            let raw = sentence[s..i].trim_end_matches(',');
            if let Ok(v) = raw.replace(',', "").parse::<f64>() {
                out.push(Figure {
                    text: raw.to_string(),
                    start: base + s,
                    end: base + s + raw.len(),
                    low: Some(v),
                    high: Some(v),
                    qualifier: Qualifier::Exact,
                    unit: None,
                });
            }
        }
        i += 1;
    }
    out
}

/// Whether figures counting `a` and `b` measure the same quantity, so that
/// different numbers mean the sources differ.
pub fn comparable_units(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
