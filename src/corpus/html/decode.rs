//! Turning a web page's bytes into text: byte order mark, the charset the
//! server or the page declares, and a check of that declaration against the
//! bytes themselves.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many bytes at the start of a page are searched for a `<meta>`
/// charset declaration (the HTML standard's prescan looks at 1024; pages
/// with long `<head>` comments put it later, so a little more).
const PRESCAN_BYTES: usize = 4096;

/// A decoded page and, where the bytes did not match what was declared, a
/// note saying how they were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The page as text.
    pub text: String,
    /// A one-line note for the load warnings, when decoding needed a guess.
    pub note: Option<String>,
}

/// Decodes a page. `declared` is the charset from the HTTP `Content-Type`
/// header, if any; otherwise the page's own `<meta charset>` is used.
///
/// Bytes that are valid UTF-8 are read as UTF-8 whatever is declared (a
/// page saved by a browser is re-encoded as UTF-8 but keeps its old
/// declaration, and valid multi-byte UTF-8 is practically never legacy
/// text); the mismatch is noted. Bytes that are not UTF-8 and declare
/// nothing usable are read as Windows-1252, with a note.
pub fn decode(bytes: Vec<u8>, declared: Option<&str>) -> Result<Decoded, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let note = had_errors.then(|| {
            format!(
                "{} (byte order mark) with invalid bytes: replaced with U+FFFD",
                enc.name()
            )
        });
        return Ok(Decoded {
            text: text.into_owned(),
            note,
        });
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(format!("binary data (NUL byte at offset {pos}): skipped"));
    }
    let label = declared.map(str::to_string).or_else(|| meta_charset(head));
    let declared_enc = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let note = match declared_enc {
                Some(enc) if enc != UTF_8 && !text.is_ascii() => Some(format!(
                    "declares charset {} but the bytes are UTF-8: decoded as UTF-8",
                    enc.name()
                )),
                _ => None,
            };
            return Ok(Decoded { text, note });
        }
        Err(e) => e,
    };
    let at = bytes.utf8_error().valid_up_to();
    let bytes = bytes.into_bytes();
    let (enc, note) = match declared_enc {
        // UTF-16 without a BOM cannot be told from its declaration alone
        // (and a `<meta>` that could be read as ASCII is not UTF-16).
        Some(enc) if enc != UTF_8 && enc.is_ascii_compatible() => (enc, None),
        Some(enc) if enc == UTF_8 => (
            WINDOWS_1252,
            Some(format!(
                "declares UTF-8 but is not (invalid byte at offset {at}): decoded as Windows-1252"
            )),
        ),
        _ => (
            WINDOWS_1252,
            Some(format!(
                "not UTF-8 (invalid byte at offset {at}) and no usable charset declared: decoded as Windows-1252"
            )),
        ),
    };
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
    let note = note.or_else(|| {
        had_errors.then(|| format!("invalid {} bytes: replaced with U+FFFD", enc.name()))
    });
    Ok(Decoded {
        text: text.into_owned(),
        note,
    })
}

/// The charset a page declares in a `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` near its
/// start.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .copied()
                    .take_while(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
                    })
                    .collect();
                if !label.is_empty() {
                    return String::from_utf8(label).ok();
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The `charset` parameter of a `Content-Type` header value.
pub fn charset_of_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_over_a_wrong_declaration() {
        let page = "<meta charset=\"iso-8859-1\"><p>Café</p>".as_bytes();
        let d = decode(page.to_vec(), None).unwrap();
        assert!(d.text.contains("Café"));
        assert!(d.note.unwrap().contains("declares charset windows-1252"));
        // ASCII pages need no note whatever they declare.
        let d = decode(b"<meta charset=latin1><p>Cafe</p>".to_vec(), None).unwrap();
        assert_eq!(d.note, None);
    }

    #[test]
    fn declared_legacy_charsets_are_used() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>"
                .to_vec();
        page.extend([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
        let d = decode(page, None).unwrap();
        assert!(d.text.ends_with("Привет"), "{}", d.text);
        assert_eq!(d.note, None);
        // The HTTP header wins over the page.
        let d = decode(
            b"<meta charset=utf-8><p>\xE9t\xE9".to_vec(),
            Some("iso-8859-1"),
        )
        .unwrap();
        assert!(d.text.ends_with("été"));
    }

    #[test]
    fn declared_utf8_that_is_not_is_read_as_windows_1252() {
        let d = decode(b"<meta charset=utf-8><p>caf\xe9 \x93x\x94".to_vec(), None).unwrap();
        assert!(d.text.ends_with("café “x”"), "{}", d.text);
        assert!(d.note.unwrap().contains("declares UTF-8 but is not"));
    }

    #[test]
    fn boms_and_binary() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("<p>hé</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le, None).unwrap().text, "<p>hé</p>");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec(), None)
            .unwrap_err()
            .contains("binary"));
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(
            charset_of_content_type("text/html; Charset=\"UTF-8\"").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(charset_of_content_type("text/html"), None);
    }
}
