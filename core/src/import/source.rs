//! Reading an imported file as a table of text cells: CSV (delimiter and encoding
//! detected) or XLSX (first worksheet, streamed), with the line number of every row.

use std::borrow::Cow;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Xlsx};

use crate::error::{CoreError, CoreResult};

/// Text encodings recognised in CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// Excel's "Unicode text": decoded to UTF-8 before parsing.
    Utf16,
    /// Windows-1252, a superset of Latin-1's printable characters.
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16 => "UTF-16",
            Encoding::Windows1252 => "Windows-1252 (Latin-1)",
        }
    }
}

pub fn delimiter_label(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// One data row: its first line, its cells as text, and the columns whose bytes were
/// not valid in the file's encoding.
#[derive(Debug, Default, Clone)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
    pub invalid_bytes: Vec<usize>,
    /// Share of the file read after this row (`None` when unknown).
    pub fraction: Option<f64>,
}

enum Body {
    Csv {
        bytes: Vec<u8>,
        start: usize,
        delimiter: u8,
        encoding: Encoding,
    },
    Xlsx {
        path: PathBuf,
        sheet: String,
    },
}

/// A file opened for import.
pub struct Table {
    pub headers: Vec<String>,
    pub header_line: u32,
    body: Body,
}

fn unusable(message: impl Into<String>) -> CoreError {
    CoreError::invalid("file", message)
}

impl Table {
    /// Opens a CSV or XLSX file (by content: an XLSX file is a ZIP archive).
    pub fn open(path: &Path) -> CoreResult<Table> {
        let bytes = std::fs::read(path)
            .map_err(|e| unusable(format!("cannot read {}: {e}", path.display())))?;
        if bytes.starts_with(b"PK\x03\x04") {
            drop(bytes);
            return Table::open_xlsx(path);
        }
        Table::from_csv_bytes(bytes)
    }

    /// A CSV table from the bytes of a file.
    pub fn from_csv_bytes(bytes: Vec<u8>) -> CoreResult<Table> {
        let (bytes, start, encoding) = detect_encoding(bytes)?;
        let delimiter = detect_delimiter(&bytes[start..]);
        let mut table = Table {
            headers: Vec::new(),
            header_line: 1,
            body: Body::Csv {
                bytes,
                start,
                delimiter,
                encoding,
            },
        };
        let mut header = None;
        table.read(true, &mut |row| {
            header = Some(row.clone());
            false
        })?;
        let header = header.ok_or_else(|| unusable("the file is empty: there is no header row"))?;
        table.headers = header.cells.iter().map(|c| c.trim().to_string()).collect();
        table.header_line = header.line;
        Ok(table)
    }

    fn open_xlsx(path: &Path) -> CoreResult<Table> {
        let book: Xlsx<_> = calamine::open_workbook(path)
            .map_err(|e| unusable(format!("cannot read the spreadsheet: {e}")))?;
        let sheet = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| unusable("the spreadsheet has no worksheet"))?;
        let mut table = Table {
            headers: Vec::new(),
            header_line: 1,
            body: Body::Xlsx {
                path: path.to_path_buf(),
                sheet,
            },
        };
        let mut header = None;
        table.read(true, &mut |row| {
            header = Some(row.clone());
            false
        })?;
        let header = header
            .ok_or_else(|| unusable("the first worksheet is empty: there is no header row"))?;
        table.headers = header.cells.iter().map(|c| c.trim().to_string()).collect();
        table.header_line = header.line;
        Ok(table)
    }

    pub fn format(&self) -> &'static str {
        match self.body {
            Body::Csv { .. } => "csv",
            Body::Xlsx { .. } => "xlsx",
        }
    }

    pub fn encoding(&self) -> Option<Encoding> {
        match self.body {
            Body::Csv { encoding, .. } => Some(encoding),
            Body::Xlsx { .. } => None,
        }
    }

    /// CSV rows must have exactly the header's number of fields; spreadsheet rows end
    /// at their last filled cell.
    pub fn strict_width(&self) -> bool {
        matches!(self.body, Body::Csv { .. })
    }

    pub fn delimiter(&self) -> Option<u8> {
        match self.body {
            Body::Csv { delimiter, .. } => Some(delimiter),
            Body::Xlsx { .. } => None,
        }
    }

    /// Calls `f` with every data row after the header, in file order, until it returns false.
    /// Rows whose cells are all blank are skipped.
    pub fn rows(&self, f: &mut dyn FnMut(&Row) -> bool) -> CoreResult<()> {
        self.read(false, f)
    }

    fn read(&self, header: bool, f: &mut dyn FnMut(&Row) -> bool) -> CoreResult<()> {
        match &self.body {
            Body::Csv {
                bytes,
                start,
                delimiter,
                encoding,
            } => read_csv(&bytes[*start..], *delimiter, *encoding, header, f),
            Body::Xlsx { path, sheet } => read_xlsx(path, sheet, header, f),
        }
    }
}

/// Strips a BOM and decides between UTF-8 and Windows-1252 (UTF-16 is converted).
fn detect_encoding(bytes: Vec<u8>) -> CoreResult<(Vec<u8>, usize, Encoding)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((bytes, 3, Encoding::Utf8Bom));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, malformed) = encoding_rs::UTF_16LE.decode(&bytes);
        if malformed {
            return Err(unusable(
                "the file starts like UTF-16 text but is not valid UTF-16",
            ));
        }
        return Ok((text.into_owned().into_bytes(), 0, Encoding::Utf16));
    }
    if std::str::from_utf8(&bytes).is_ok() {
        return Ok((bytes, 0, Encoding::Utf8));
    }
    // Mostly UTF-8 with a few damaged bytes stays UTF-8 (the damaged cells are reported);
    // high bytes that never form UTF-8 sequences are a single-byte Windows encoding.
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    let encoding = if multibyte > invalid {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    };
    Ok((bytes, 0, encoding))
}

/// Picks the delimiter (comma, semicolon, tab) that splits the first rows most consistently.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(sample);
        let mut record = csv::ByteRecord::new();
        let mut width = 0;
        let mut consistent = 0;
        let mut rows = 0;
        while rows < 30 && reader.read_byte_record(&mut record).unwrap_or(false) {
            if rows == 0 {
                width = record.len();
            } else if record.len() == width {
                consistent += 1;
            }
            rows += 1;
        }
        if width > 1 && (consistent, width) > (best.1, best.2) {
            best = (delimiter, consistent, width);
        }
    }
    best.0
}

fn read_csv(
    bytes: &[u8],
    delimiter: u8,
    encoding: Encoding,
    header: bool,
    f: &mut dyn FnMut(&Row) -> bool,
) -> CoreResult<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut row = Row::default();
    let total = bytes.len().max(1) as f64;
    let mut first = true;
    let mut cursor = 0usize;
    let mut line = 1u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(unusable(format!("cannot read the file: {e}"))),
        }
        let is_header = first;
        first = false;
        if is_header && !header {
            continue;
        }
        if !is_header && record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        // Lines as an editor counts them (LF, CRLF or a lone CR end a line), from the
        // record's byte offset: the reader's own line count is off by one per CRLF.
        let mut start = record
            .position()
            .map_or(cursor, |p| p.byte() as usize)
            .min(bytes.len());
        // The reported start can sit on the LF of the previous CRLF; a record itself
        // never starts with a line break.
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > cursor {
            line += count_line_breaks(bytes, cursor, start);
            cursor = start;
        }
        row.line = line.min(u32::MAX as u64) as u32;
        row.invalid_bytes.clear();
        row.cells.resize(record.len(), String::new());
        row.cells.truncate(record.len());
        for (i, field) in record.iter().enumerate() {
            let cell = &mut row.cells[i];
            cell.clear();
            match encoding {
                Encoding::Windows1252 => {
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(field);
                    cell.push_str(&text);
                }
                _ => match std::str::from_utf8(field) {
                    Ok(text) => cell.push_str(text),
                    Err(_) => {
                        cell.push_str(&String::from_utf8_lossy(field));
                        row.invalid_bytes.push(i);
                    }
                },
            }
        }
        row.fraction = Some(reader.position().byte() as f64 / total);
        if is_header {
            f(&row);
            return Ok(());
        }
        if !f(&row) {
            return Ok(());
        }
    }
}

/// Line breaks in `bytes[from..to]`: each LF, and each CR not followed by LF.
fn count_line_breaks(bytes: &[u8], from: usize, to: usize) -> u64 {
    let mut count = 0;
    for i in from..to {
        match bytes[i] {
            b'\n' => count += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => count += 1,
            _ => {}
        }
    }
    count
}

fn xlsx_text(value: &DataRef<'_>) -> Cow<'static, str> {
    match value {
        DataRef::Empty => Cow::Borrowed(""),
        DataRef::String(s) => Cow::Owned(s.clone()),
        DataRef::SharedString(s) => Cow::Owned((*s).to_string()),
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) => Cow::Owned(if f.fract() == 0.0 && f.abs() < 1e15 {
            format!("{}", *f as i64)
        } else {
            format!("{f}")
        }),
        DataRef::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => {
                Cow::Owned(t.date().format("%Y-%m-%d").to_string())
            }
            Some(t) => Cow::Owned(t.format("%Y-%m-%dT%H:%M:%S").to_string()),
            None => Cow::Owned(d.to_string()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cow::Owned(s.clone()),
        DataRef::Error(e) => Cow::Owned(format!("#{e:?}")),
    }
}

fn read_xlsx(
    path: &Path,
    sheet: &str,
    header: bool,
    f: &mut dyn FnMut(&Row) -> bool,
) -> CoreResult<()> {
    let file = std::fs::File::open(path)
        .map_err(|e| unusable(format!("cannot read {}: {e}", path.display())))?;
    let mut book = Xlsx::new(BufReader::new(file))
        .map_err(|e| unusable(format!("cannot read the spreadsheet: {e}")))?;
    let mut cells = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| unusable(format!("cannot read the worksheet \"{sheet}\": {e}")))?;
    let last_row = cells.dimensions().end.0.max(1) as f64;
    let mut row = Row::default();
    let mut current: Option<u32> = None;
    let mut seen_header = false;
    // Emits the row collected so far; returns false to stop.
    let mut emit = |row: &mut Row, seen_header: &mut bool| -> bool {
        let blank = row.cells.iter().all(|c| c.trim().is_empty());
        if blank {
            return true;
        }
        if !*seen_header {
            *seen_header = true;
            if header {
                f(row);
                return false;
            }
            return true;
        }
        if header {
            return false;
        }
        f(row)
    };
    loop {
        let cell = cells
            .next_cell()
            .map_err(|e| unusable(format!("cannot read the worksheet \"{sheet}\": {e}")))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if current.is_some() && !emit(&mut row, &mut seen_header) {
                return Ok(());
            }
            current = Some(r);
            row.line = r.saturating_add(1);
            row.cells.clear();
            row.fraction = Some((r as f64 / last_row).min(1.0));
        }
        let c = c as usize;
        if row.cells.len() <= c {
            row.cells.resize(c + 1, String::new());
        }
        row.cells[c] = xlsx_text(cell.get_value()).into_owned();
    }
    if current.is_some() {
        emit(&mut row, &mut seen_header);
    }
    Ok(())
}
