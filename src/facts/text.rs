//! The one way file bytes become text. Windows tools write what a Python
//! developer commits: PowerShell's `pip freeze > requirements.txt` is
//! UTF-16 with a byte-order mark, Notepad adds a UTF-8 BOM. Reading those
//! as raw bytes turns a declared dependency list into "not a text file",
//! so every collector (manifests, README, CI, env files, Python, history)
//! decodes through `decode`.

/// How the bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

/// Decoded text, or the reason the bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Text {
        text: String,
        encoding: Encoding,
        /// Invalid sequences were replaced with U+FFFD: the caller reports
        /// it, so a half-read file is never silently judged.
        lossy: bool,
    },
    /// NUL bytes and no UTF-16 byte-order mark: an image, an archive.
    Binary,
}

/// How far into a file binary detection looks.
const SNIFF_BYTES: usize = 8192;

/// Decodes file bytes: a BOM decides UTF-8 or UTF-16 LE/BE; without one,
/// NUL bytes mean binary, anything else is UTF-8 with a lossy fallback.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be, u16::from_be_bytes);
    }
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Decoded::Binary;
    }
    utf8(bytes, Encoding::Utf8)
}

/// The text when the bytes are text, however decoded (lossy included).
/// For callers that have nowhere to report a lossy read (history blobs).
pub fn decode_lossy(bytes: &[u8]) -> Option<String> {
    match decode(bytes) {
        Decoded::Text { text, .. } => Some(text),
        Decoded::Binary => None,
    }
}

fn utf8(bytes: &[u8], encoding: Encoding) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text {
            text: s.to_owned(),
            encoding,
            lossy: false,
        },
        Err(_) => Decoded::Text {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding,
            lossy: true,
        },
    }
}

fn utf16(bytes: &[u8], encoding: Encoding, unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut lossy = bytes.len() % 2 != 0;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Decoded::Text {
        text,
        encoding,
        lossy,
    }
}

impl Encoding {
    /// The name a user knows the encoding by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    #[test]
    fn powershell_pip_freeze_is_text() {
        let Decoded::Text {
            text,
            encoding,
            lossy,
        } = decode(&utf16le("requests==2.31.0\r\nflask==3.0.0\r\n"))
        else {
            panic!("UTF-16 read as binary");
        };
        assert_eq!(text, "requests==2.31.0\r\nflask==3.0.0\r\n");
        assert_eq!(encoding, Encoding::Utf16Le);
        assert!(!lossy);
    }

    #[test]
    fn big_endian_and_utf8_bom_are_stripped() {
        let mut be = vec![0xFE, 0xFF];
        for u in "a=1".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert!(matches!(decode(&be), Decoded::Text { text, .. } if text == "a=1"));
        let bom = b"\xEF\xBB\xBF# Title\n";
        assert!(
            matches!(decode(bom), Decoded::Text { text, encoding: Encoding::Utf8Bom, .. } if text == "# Title\n")
        );
    }

    #[test]
    fn invalid_utf8_is_lossy_and_nul_is_binary() {
        assert!(matches!(
            decode(b"caf\xE9 = 1\n"),
            Decoded::Text { lossy: true, .. }
        ));
        assert_eq!(decode(b"\x89PNG\0\0"), Decoded::Binary);
        let mut odd = utf16le("ab");
        odd.push(0x41);
        assert!(matches!(decode(&odd), Decoded::Text { lossy: true, .. }));
    }
}
