//! The text encoding of a CSV file: detected from its first bytes (a byte order mark,
//! valid UTF-8, UTF-16 without a mark, else Mozilla's chardetng, the detector Firefox
//! uses for unlabelled pages), or chosen by the user from [`CHOICES`].

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use encoding_rs::Encoding;

use crate::error::{CoreError, CoreResult};

/// The encodings offered for a CSV file, with what they are used for: WHATWG name and
/// the language or region. The legacy ones are those spreadsheets and CRMs write in
/// their locales (Excel's "CSV" is the system's ANSI code page).
pub const CHOICES: &[(&str, &str)] = &[
    ("UTF-8", "Unicode"),
    ("UTF-16LE", "Unicode, Excel's \"Unicode text\""),
    ("UTF-16BE", "Unicode"),
    ("windows-1252", "Western European"),
    ("ISO-8859-15", "Western European"),
    ("macintosh", "Western European, classic Mac"),
    ("windows-1250", "Central European"),
    ("ISO-8859-2", "Central European"),
    ("windows-1251", "Cyrillic"),
    ("KOI8-R", "Russian"),
    ("KOI8-U", "Ukrainian"),
    ("IBM866", "Cyrillic, DOS"),
    ("windows-1253", "Greek"),
    ("windows-1254", "Turkish"),
    ("windows-1257", "Baltic"),
    ("windows-1258", "Vietnamese"),
    ("windows-1255", "Hebrew"),
    ("windows-1256", "Arabic"),
    ("windows-874", "Thai"),
    ("Shift_JIS", "Japanese"),
    ("EUC-JP", "Japanese"),
    ("ISO-2022-JP", "Japanese"),
    ("GBK", "Chinese, simplified"),
    ("gb18030", "Chinese, simplified"),
    ("Big5", "Chinese, traditional"),
    ("EUC-KR", "Korean"),
];

/// The encoding a name or label stands for ("Shift_JIS", "sjis", "cp1251", "latin1"…:
/// the WHATWG labels, which include the names Windows and iconv use).
pub fn by_name(name: &str) -> CoreResult<&'static Encoding> {
    let wanted = name.trim();
    let alias = match wanted.to_ascii_lowercase().as_str() {
        "utf16" | "utf-16" | "unicode" => Some(encoding_rs::UTF_16LE),
        "cp932" | "windows-31j" | "ms932" => Some(encoding_rs::SHIFT_JIS),
        "cp936" | "ms936" => Some(encoding_rs::GBK),
        "cp949" | "uhc" => Some(encoding_rs::EUC_KR),
        "cp950" => Some(encoding_rs::BIG5),
        "cp1250" | "cp1251" | "cp1252" | "cp1253" | "cp1254" | "cp1255" | "cp1256" | "cp1257"
        | "cp1258" => Encoding::for_label(format!("windows-{}", &wanted[2..]).as_bytes()),
        _ => None,
    };
    alias
        .or_else(|| Encoding::for_label(wanted.as_bytes()))
        // "replacement" and "x-user-defined" are labels of the web, not of files.
        .filter(|e| *e != encoding_rs::REPLACEMENT && *e != encoding_rs::X_USER_DEFINED)
        .ok_or_else(|| {
            let names: Vec<&str> = CHOICES.iter().map(|(n, _)| *n).collect();
            CoreError::invalid(
                "encoding",
                format!(
                    "unknown encoding \"{wanted}\"; use one of {}",
                    names.join(", ")
                ),
            )
        })
}

/// "Shift_JIS (Japanese)", "UTF-8 (Unicode)".
pub fn label(encoding: &'static Encoding) -> String {
    match CHOICES.iter().find(|(n, _)| *n == encoding.name()) {
        Some((name, what)) => format!("{name} ({what})"),
        None => encoding.name().to_string(),
    }
}

/// How the encoding of a file was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// The file starts with a byte order mark.
    Bom,
    /// Every byte is UTF-8 (or ASCII, which is UTF-8 too).
    ValidUtf8,
    /// The start of a longer file is plain ASCII: UTF-8 so far, but the rest could be
    /// in any encoding (rows with other bytes are reported, with a note).
    PlainStart,
    /// Mostly UTF-8, with some damaged bytes (reported in the cells that hold them).
    DamagedUtf8,
    /// UTF-16 without a byte order mark, told by its zero bytes.
    Utf16Pattern,
    /// The detector's guess, with enough evidence.
    Detector,
    /// The detector's guess on little or contradictory evidence: the user should look.
    DetectorUnsure,
    /// Chosen by the user.
    Chosen,
}

impl Decided {
    /// False when the user should check the text in the preview.
    pub fn sure(self) -> bool {
        self.doubt().is_none()
    }

    /// Why the user should check the text, when they should.
    pub fn doubt(self) -> Option<&'static str> {
        match self {
            Decided::DamagedUtf8 => Some(
                "Most of the file is UTF-8, but some bytes are not: rows with such bytes in \
                 an imported column are reported. If names look wrong, choose the encoding \
                 the file was saved in.",
            ),
            Decided::DetectorUnsure => Some(
                "The encoding is a guess from little evidence. Check that the names below \
                 read right; if they do not, choose the encoding the file was saved in.",
            ),
            _ => None,
        }
    }
}

/// The encoding of a CSV file and the bytes of its byte order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// Bytes before the text (the byte order mark).
    pub skip: usize,
    pub decided: Decided,
}

impl Detected {
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Shift_JIS (Japanese)".
    pub fn describe(&self) -> String {
        let name = self.encoding.name();
        if name.starts_with("UTF-") {
            if self.skip > 0 && self.encoding == encoding_rs::UTF_8 {
                return "UTF-8 with BOM".to_string();
            }
            return name.to_string();
        }
        label(self.encoding)
    }
}

/// The encoding of a file from its first bytes `sample` (`complete`: the whole file).
pub fn detect(sample: &[u8], complete: bool) -> Detected {
    if let Some((encoding, skip)) = Encoding::for_bom(sample) {
        return Detected {
            encoding,
            skip,
            decided: Decided::Bom,
        };
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Detected {
            encoding,
            skip: 0,
            decided: Decided::Utf16Pattern,
        };
    }
    let (multibyte, invalid) = utf8_evidence(sample, complete);
    if invalid == 0 || multibyte > invalid {
        return Detected {
            encoding: encoding_rs::UTF_8,
            skip: 0,
            decided: match (invalid, multibyte) {
                (0, 0) if !complete => Decided::PlainStart,
                (0, _) => Decided::ValidUtf8,
                _ => Decided::DamagedUtf8,
            },
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(sample, complete);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    Detected {
        encoding,
        skip: 0,
        decided: if detector_sure(encoding, sample, complete) {
            Decided::Detector
        } else {
            Decided::DetectorUnsure
        },
    }
}

/// The encoding the user chose, with the byte order mark skipped when the file has the
/// mark of that encoding.
pub fn chosen(encoding: &'static Encoding, sample: &[u8]) -> Detected {
    let skip = match Encoding::for_bom(sample) {
        Some((bom, len)) if bom == encoding => len,
        _ => 0,
    };
    Detected {
        encoding,
        skip,
        decided: Decided::Chosen,
    }
}

/// Enough evidence for the detector's guess: a fair number of non-ASCII bytes, a
/// decoding without errors, and the same guess from the first half of the sample alone
/// (a guess that the second half overturns rests on too little).
fn detector_sure(guess: &'static Encoding, sample: &[u8], complete: bool) -> bool {
    const ENOUGH_NON_ASCII: usize = 16;
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < ENOUGH_NON_ASCII {
        return false;
    }
    let mut decoder = guess.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(sample.len() * 3 + 16);
    // A sample cut inside a character leaves it for a next call, not an error.
    let (_, _, errors) = decoder.decode_to_string(sample, &mut out, complete);
    if errors {
        return false;
    }
    // Half of the non-ASCII bytes, up to the end of their line.
    let mut seen = 0;
    let half = sample
        .iter()
        .position(|b| {
            seen += usize::from(!b.is_ascii());
            seen >= non_ascii / 2
        })
        .and_then(|at| {
            sample[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|n| at + n + 1)
        })
        .unwrap_or(sample.len());
    let mut first_half = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    first_half.feed(&sample[..half], false);
    first_half.guess(None, chardetng::Utf8Detection::Deny) == guess
}

/// Characters beyond ASCII that are valid UTF-8, and invalid sequences, in `sample`.
fn utf8_evidence(sample: &[u8], complete: bool) -> (usize, usize) {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    let mut chunks = sample.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        let last = chunks.peek().is_none();
        // A sample cut inside a character ends with a piece of it.
        let cut = last && !complete && chunk.invalid().len() < 4;
        if !chunk.invalid().is_empty() && !cut {
            invalid += 1;
        }
    }
    (multibyte, invalid)
}

/// UTF-16 without a byte order mark: text of mostly Latin letters has a zero byte in
/// every other place (after each letter in little-endian, before it in big-endian).
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let head = &sample[..sample.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zero_odd = head
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    let zero_even = head
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    if zero_odd * 10 >= pairs * 7 && zero_even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A reader of text in any encoding, decoded to UTF-8 as it is read (bytes not valid
/// in the encoding become U+FFFD), counting the file's bytes read for progress.
pub struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    decoded: Vec<u8>,
    at: usize,
    done: bool,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Decode<R> {
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Decode {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw: vec![0; 64 * 1024],
            decoded: Vec::new(),
            at: 0,
            done: false,
            read: Rc::new(Cell::new(0)),
        }
    }

    /// The count of the file's bytes read so far.
    pub fn progress(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.read)
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.decoded.len() {
            if self.done {
                return Ok(0);
            }
            let n = loop {
                match self.inner.read(&mut self.raw) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            self.read.set(self.read.get() + n as u64);
            let last = n == 0;
            let room = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            self.decoded.clear();
            self.decoded.resize(room, 0);
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.decoded, last);
            self.decoded.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = out.len().min(self.decoded.len() - self.at);
        out[..n].copy_from_slice(&self.decoded[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot write {text}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn names_of_windows_and_iconv_are_understood() {
        for (name, expected) in [
            ("Shift_JIS", "Shift_JIS"),
            ("sjis", "Shift_JIS"),
            ("cp932", "Shift_JIS"),
            ("cp1251", "windows-1251"),
            ("CP1250", "windows-1250"),
            ("latin1", "windows-1252"),
            ("gb2312", "GBK"),
            ("big5", "Big5"),
            ("euc-kr", "EUC-KR"),
            ("utf8", "UTF-8"),
            ("utf-16", "UTF-16LE"),
        ] {
            assert_eq!(by_name(name).unwrap().name(), expected, "{name}");
        }
        let err = by_name("klingon").unwrap_err().to_string();
        assert!(
            err.starts_with("unknown encoding \"klingon\"; use one of UTF-8"),
            "{err}"
        );
        assert!(by_name("replacement").is_err());
    }

    #[test]
    fn every_choice_is_an_encoding_by_its_own_name() {
        for (name, _) in CHOICES {
            assert_eq!(by_name(name).unwrap().name(), *name);
        }
        assert_eq!(label(encoding_rs::SHIFT_JIS), "Shift_JIS (Japanese)");
    }

    #[test]
    fn utf16_without_a_mark_is_told_by_its_zero_bytes() {
        let text = "external_id,name\n1,Acme\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect(&le, true).encoding, encoding_rs::UTF_16LE);
        assert_eq!(detect(&be, true).encoding, encoding_rs::UTF_16BE);
        assert_eq!(detect(text.as_bytes(), true).encoding, encoding_rs::UTF_8);
    }

    #[test]
    fn a_few_non_ascii_bytes_are_not_enough_to_be_sure() {
        let bytes = encoded(encoding_rs::WINDOWS_1252, "name\nCafé\n");
        let detected = detect(&bytes, true);
        assert!(!detected.decided.sure(), "{detected:?}");
    }

    #[test]
    fn a_chosen_encoding_skips_only_its_own_mark() {
        let bytes = b"\xEF\xBB\xBFname\n";
        assert_eq!(chosen(encoding_rs::UTF_8, bytes).skip, 3);
        assert_eq!(chosen(encoding_rs::WINDOWS_1252, bytes).skip, 0);
    }
}
