//! Reading an imported file as a table of text cells: CSV (delimiter and encoding
//! detected) or XLSX (first worksheet), with the line number of every row.
//!
//! Both are streamed: a pass over a 2 GiB export holds one buffer and one row in memory,
//! never the file. Hostile files are bounded: a CSV field over [`FIELD_LIMIT`] or a row
//! over [`ROW_LIMIT`] (an unbalanced quote makes the rest of the file one field) is a
//! problem of that row, read past without keeping it; a spreadsheet cell beyond Excel's
//! last column or a workbook whose parts unpack to more than [`XLSX_PART_LIMIT`] (a zip
//! bomb) is refused before it is read.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use calamine::{DataRef, Reader, Xlsx};
use encoding_rs::Encoding;

use super::encoding::{self, Decode, Detected};
use super::trailer::{Held, Trailer};
use crate::error::{CoreError, CoreResult};

pub fn delimiter_label(d: u8) -> String {
    match d {
        b',' => "comma".to_string(),
        b';' => "semicolon".to_string(),
        b'\t' => "tab".to_string(),
        b'|' => "vertical bar".to_string(),
        other => format!("\"{}\"", other as char),
    }
}

/// The longest CSV field read (1 MiB: a CRM's longest notes are a few KiB).
pub const FIELD_LIMIT: usize = 1 << 20;
/// The longest CSV row read (8 MiB).
pub const ROW_LIMIT: usize = 8 << 20;
/// Excel's last column is XFD, the 16,384th.
pub const MAX_COLUMNS: usize = 16_384;
/// The most one part of a workbook (a worksheet, the shared strings) may unpack to.
pub const XLSX_PART_LIMIT: u64 = 1 << 30;
/// How much of a CSV file the encoding and delimiter are judged from.
const SAMPLE_BYTES: usize = 1 << 20;

/// One data row: its first line, its cells as text, and the columns whose bytes were
/// not valid in the file's encoding.
#[derive(Debug, Default, Clone)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
    pub invalid_bytes: Vec<usize>,
    /// Share of the file read after this row (`None` when unknown).
    pub fraction: Option<f64>,
    /// Why the row was not read (a field or the row too long, too many columns); its
    /// cells are then empty.
    pub oversized: Option<String>,
    /// Blank lines (or rows) came between this row and the one before.
    pub after_blank: bool,
}

impl Row {
    /// Rough bytes the row holds (for batching by size).
    pub fn size(&self) -> usize {
        self.cells.iter().map(|c| c.len() + 24).sum::<usize>() + 64
    }
}

/// Where a CSV table's bytes come from: its file, read again (streamed) for each pass,
/// or bytes in memory.
#[derive(Clone)]
enum CsvInput {
    File(PathBuf),
    Bytes(Arc<Vec<u8>>),
}

enum Body {
    Csv {
        input: CsvInput,
        /// Bytes of the input (for progress).
        size: u64,
        delimiter: u8,
        /// The encoding and the bytes of its byte order mark.
        encoding: Detected,
        /// The file starts with Excel's `sep=;` line (read past, not the header).
        sep_line: bool,
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
    /// Opens a CSV or XLSX file (by content: an XLSX file is a ZIP archive). Reads only
    /// the start of a CSV file (to detect its encoding and delimiter) and the header.
    pub fn open(path: &Path) -> CoreResult<Table> {
        Table::open_with(path, None)
    }

    /// [`Table::open_with`] the encoding of that name (see [`encoding::by_name`]).
    pub fn open_as(path: &Path, encoding: Option<&str>) -> CoreResult<Table> {
        let encoding = encoding.map(encoding::by_name).transpose()?;
        Table::open_with(path, encoding)
    }

    /// [`Table::open`], reading a CSV file in `encoding` when one is given (an XLSX file
    /// says its own).
    pub fn open_with(path: &Path, encoding: Option<&'static Encoding>) -> CoreResult<Table> {
        let cannot = |e: std::io::Error| unusable(format!("cannot read {}: {e}", path.display()));
        let mut file = std::fs::File::open(path).map_err(cannot)?;
        let size = file.metadata().map_err(cannot)?.len();
        let mut sample = Vec::with_capacity(SAMPLE_BYTES.min(size as usize));
        (&mut file)
            .take(SAMPLE_BYTES as u64)
            .read_to_end(&mut sample)
            .map_err(cannot)?;
        if sample.starts_with(b"PK\x03\x04") {
            return Table::open_xlsx(path);
        }
        let complete = (sample.len() as u64) >= size;
        let input = CsvInput::File(path.to_path_buf());
        Table::csv(input, &sample, complete, size, encoding)
    }

    /// A CSV table from the bytes of a file.
    pub fn from_csv_bytes(bytes: Vec<u8>) -> CoreResult<Table> {
        Table::from_csv_bytes_with(bytes, None)
    }

    /// [`Table::from_csv_bytes`] in `encoding` when one is given.
    pub fn from_csv_bytes_with(
        bytes: Vec<u8>,
        encoding: Option<&'static Encoding>,
    ) -> CoreResult<Table> {
        let size = bytes.len() as u64;
        let bytes = Arc::new(bytes);
        let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
        let complete = sample.len() == bytes.len();
        let input = CsvInput::Bytes(Arc::clone(&bytes));
        Table::csv(input, sample, complete, size, encoding)
    }

    fn csv(
        input: CsvInput,
        sample: &[u8],
        complete: bool,
        size: u64,
        chosen: Option<&'static Encoding>,
    ) -> CoreResult<Table> {
        let encoding = match chosen {
            Some(e) => encoding::chosen(e, sample),
            None => encoding::detect(sample, complete),
        };
        let (text, _) = encoding
            .encoding
            .decode_without_bom_handling(&sample[encoding.skip..]);
        let (delimiter, sep_line) = match sep_line(&text) {
            Some(d) => (d, true),
            None => (detect_delimiter(text.as_bytes()), false),
        };
        let mut table = Table {
            headers: Vec::new(),
            header_line: 1,
            body: Body::Csv {
                input,
                size,
                delimiter,
                encoding,
                sep_line,
            },
        };
        let mut header = None;
        table.read(true, &mut |row| {
            header = Some(row.clone());
            false
        })?;
        let header = header.ok_or_else(|| unusable("the file is empty: there is no header row"))?;
        if let Some(why) = &header.oversized {
            return Err(unusable(format!("the header row cannot be read: {why}")));
        }
        table.headers = header.cells.iter().map(|c| c.trim().to_string()).collect();
        table.header_line = header.line;
        Ok(table)
    }

    fn open_xlsx(path: &Path) -> CoreResult<Table> {
        check_workbook_size(path)?;
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

    /// The encoding of a CSV file and how it was decided.
    pub fn encoding(&self) -> Option<Detected> {
        match self.body {
            Body::Csv { encoding, .. } => Some(encoding),
            Body::Xlsx { .. } => None,
        }
    }

    /// Whether the file starts with Excel's `sep=` line naming its delimiter.
    pub fn has_sep_line(&self) -> bool {
        matches!(self.body, Body::Csv { sep_line: true, .. })
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
    /// Rows whose cells are all blank are skipped, and so is a report's footer at the
    /// end (see [`trailer`](super::trailer)): it is returned when there was one.
    pub fn rows(&self, f: &mut dyn FnMut(&Row) -> bool) -> CoreResult<Option<Trailer>> {
        let mut held = Held::new(self.headers.len(), self.strict_width());
        let mut stopped = false;
        self.read(false, &mut |row| {
            let go = held.pass(row, f);
            stopped = !go;
            go
        })?;
        if stopped {
            return Ok(None);
        }
        Ok(held.finish(f))
    }

    fn read(&self, header: bool, f: &mut dyn FnMut(&Row) -> bool) -> CoreResult<()> {
        match &self.body {
            Body::Csv {
                input,
                size,
                delimiter,
                encoding,
                sep_line,
            } => {
                let raw: Box<dyn Read + '_> = match input {
                    CsvInput::File(path) => {
                        let file = std::fs::File::open(path).map_err(|e| {
                            unusable(format!("cannot read {}: {e}", path.display()))
                        })?;
                        Box::new(file)
                    }
                    CsvInput::Bytes(bytes) => Box::new(&bytes[..]),
                };
                let mut raw = BufReader::with_capacity(256 * 1024, raw);
                std::io::copy(
                    &mut (&mut raw).take(encoding.skip as u64),
                    &mut std::io::sink(),
                )
                .map_err(|e| unusable(format!("cannot read the file: {e}")))?;
                let read = ReadCsv {
                    delimiter: *delimiter,
                    total: (*size as f64).max(1.0),
                    sep_line: *sep_line,
                    header,
                };
                if encoding.encoding == encoding_rs::UTF_8 {
                    read.run(raw, None, f)
                } else {
                    // Decoded to UTF-8 before it is split: in UTF-16 and the East Asian
                    // encodings, a delimiter's byte can be part of a character.
                    let decoded = Decode::new(raw, encoding.encoding);
                    let progress = decoded.progress();
                    read.run(decoded, Some(progress), f)
                }
            }
            Body::Xlsx { path, sheet } => read_xlsx(path, sheet, header, f),
        }
    }
}

/// Picks the delimiter (comma, semicolon, tab) that splits the first rows most consistently.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
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

/// One pass over a CSV file's text.
struct ReadCsv {
    delimiter: u8,
    /// Bytes of the file (for progress).
    total: f64,
    /// The first record is Excel's `sep=` line.
    sep_line: bool,
    /// Only the header is wanted.
    header: bool,
}

impl ReadCsv {
    /// Reads CSV records from `input` with csv-core, whose buffers this function owns: a
    /// field or row beyond the limits is read past (its quote state kept) without being
    /// kept. Lines are counted as an editor counts them (LF, CRLF or a lone CR end a line);
    /// a row's line is that of its first character. `decoded`: the input is UTF-8 decoded
    /// from another encoding, with the file's bytes read so far.
    fn run(
        self,
        mut input: impl Read,
        decoded: Option<Rc<Cell<u64>>>,
        f: &mut dyn FnMut(&Row) -> bool,
    ) -> CoreResult<()> {
        let ReadCsv {
            delimiter,
            total,
            sep_line,
            header,
        } = self;
        let mut skip_records = usize::from(sep_line);
        let mut blank_before = false;
        // The line of the last character of a record (of the previous one at a record's end).
        let (mut content_line, mut last_record_end) = (0u64, 0u64);
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut buf = vec![0u8; 128 * 1024];
        let (mut pos, mut len, mut eof) = (0usize, 0usize, false);
        let mut out = vec![0u8; 64 * 1024];
        let mut ends = vec![0usize; 64];
        let (mut nout, mut nend) = (0usize, 0usize);
        let mut consumed = 0u64;
        let mut line = 1u64;
        let mut after_cr = false;
        let mut record_line: Option<u64> = None;
        let mut oversized: Option<String> = None;
        let mut first = true;
        let mut row = Row::default();
        loop {
            if pos == len && !eof {
                len = read_some(&mut input, &mut buf)?;
                pos = 0;
                eof = len == 0;
            }
            let chunk = &buf[pos..len];
            let (result, nin, nout_now, nend_now) =
                core.read_record(chunk, &mut out[nout..], &mut ends[nend..]);
            for &b in &chunk[..nin] {
                if b != b'\r' && b != b'\n' {
                    record_line.get_or_insert(line);
                    content_line = line;
                }
                match b {
                    b'\r' => line += 1,
                    b'\n' if !after_cr => line += 1,
                    _ => {}
                }
                after_cr = b == b'\r';
            }
            pos += nin;
            consumed += nin as u64;
            nout += nout_now;
            nend += nend_now;
            if oversized.is_none() {
                let longest = field_lengths(&ends[..nend], nout).max().unwrap_or(0);
                if longest > FIELD_LIMIT {
                    oversized = Some(format!(
                        "a field is longer than {} MiB (an unbalanced quote mark makes the rest \
                     of the file one field)",
                        FIELD_LIMIT >> 20
                    ));
                }
            }
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if out.len() >= ROW_LIMIT || oversized.is_some() {
                        oversized.get_or_insert_with(|| {
                            format!("the row is longer than {} MiB", ROW_LIMIT >> 20)
                        });
                        // Read on to the end of the record, keeping nothing.
                        nout = 0;
                        nend = 0;
                    } else {
                        out.resize(out.len() * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if ends.len() >= MAX_COLUMNS {
                        oversized.get_or_insert_with(|| {
                            format!("the row has more than {MAX_COLUMNS} fields")
                        });
                        nend = 0;
                        nout = 0;
                    } else {
                        ends.resize(ends.len() * 2, 0);
                    }
                }
                csv_core::ReadRecordResult::Record => {
                    let this_line = record_line.take().unwrap_or(line);
                    // csv-core reads past empty lines without a record.
                    if this_line > last_record_end + 1 && last_record_end > 0 {
                        blank_before = true;
                    }
                    last_record_end = content_line;
                    let why = oversized.take();
                    let (fields, count) = (&out[..nout], nend);
                    nout = 0;
                    nend = 0;
                    if skip_records > 0 {
                        skip_records -= 1;
                        continue;
                    }
                    let is_header = first;
                    first = false;
                    if is_header && !header {
                        continue;
                    }
                    row.line = this_line.min(u32::MAX as u64) as u32;
                    row.invalid_bytes.clear();
                    let read = decoded.as_ref().map_or(consumed, |raw| raw.get());
                    row.fraction = Some((read as f64 / total).min(1.0));
                    row.oversized = why;
                    row.cells.truncate(0);
                    if row.oversized.is_none() {
                        let mut start = 0;
                        for (i, &end) in ends[..count].iter().enumerate() {
                            let field = &fields[start..end];
                            start = end;
                            let mut cell = String::new();
                            match std::str::from_utf8(field) {
                                // A decoder writes U+FFFD for bytes not valid in the encoding.
                                Ok(text) => {
                                    cell.push_str(text);
                                    if decoded.is_some() && text.contains('\u{FFFD}') {
                                        row.invalid_bytes.push(i);
                                    }
                                }
                                Err(_) => {
                                    cell.push_str(&String::from_utf8_lossy(field));
                                    row.invalid_bytes.push(i);
                                }
                            }
                            row.cells.push(cell);
                        }
                        if !is_header
                            && row
                                .cells
                                .iter()
                                .all(|c| c.bytes().all(|b| b.is_ascii_whitespace()))
                        {
                            blank_before = true;
                            continue;
                        }
                    }
                    row.after_blank = std::mem::take(&mut blank_before);
                    if is_header {
                        f(&row);
                        return Ok(());
                    }
                    if !f(&row) {
                        return Ok(());
                    }
                }
                csv_core::ReadRecordResult::End => return Ok(()),
            }
        }
    }
}

/// The delimiter Excel's first line `sep=;` names (also quoted, or followed by empty
/// fields when another program saved the file again).
fn sep_line(text: &str) -> Option<u8> {
    let first = text.split(['\n', '\r']).next()?;
    let rest = first.strip_prefix('"').unwrap_or(first);
    let rest = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("sep="))
        .map(|_| &rest[4..])?;
    let delimiter = *rest.as_bytes().first()?;
    let usable = delimiter.is_ascii_punctuation() && delimiter != b'"' || delimiter == b'\t';
    usable.then_some(delimiter)
}

/// Lengths of the fields whose ends are `ends`, and of the one being read (up to `nout`).
fn field_lengths(ends: &[usize], nout: usize) -> impl Iterator<Item = usize> + '_ {
    let mut start = 0;
    ends.iter()
        .copied()
        .chain(std::iter::once(nout))
        .map(move |end| {
            let len = end.saturating_sub(start);
            start = end;
            len
        })
}

fn read_some(input: &mut impl Read, buf: &mut [u8]) -> CoreResult<usize> {
    loop {
        match input.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unusable(format!("cannot read the file: {e}"))),
        }
    }
}

/// Refuses a workbook whose parts would unpack to more than [`XLSX_PART_LIMIT`] each (or
/// 4× that together): a few megabytes of ZIP can hold gigabytes of XML.
fn check_workbook_size(path: &Path) -> CoreResult<()> {
    let file = std::fs::File::open(path)
        .map_err(|e| unusable(format!("cannot read {}: {e}", path.display())))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| unusable(format!("cannot read the spreadsheet: {e}")))?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| unusable(format!("cannot read the spreadsheet: {e}")))?;
        let size = part.size();
        total = total.saturating_add(size);
        if size > XLSX_PART_LIMIT || total > 4 * XLSX_PART_LIMIT {
            return Err(unusable(format!(
                "the spreadsheet unpacks to more than {} GiB ({} in \"{}\"); it is not a \
                 CRM export this app can read",
                XLSX_PART_LIMIT >> 30,
                if size > XLSX_PART_LIMIT {
                    "one part"
                } else {
                    "all parts"
                },
                part.name().unwrap_or_default()
            )));
        }
    }
    Ok(())
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
    // The worksheet row of the last row emitted (empty rows have no cells at all).
    let mut last_emitted: Option<u32> = None;
    // Emits the row collected so far; returns false to stop.
    let mut emit = |row: &mut Row, seen_header: &mut bool| -> bool {
        let blank = row.cells.iter().all(|c| c.trim().is_empty());
        if blank {
            return true;
        }
        row.after_blank = last_emitted.is_some_and(|last| row.line > last + 1);
        last_emitted = Some(row.line);
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
        if c >= MAX_COLUMNS {
            return Err(unusable(format!(
                "the worksheet \"{sheet}\" has a cell beyond Excel's last column (XFD, the \
                 {MAX_COLUMNS}th) on row {}",
                r.saturating_add(1)
            )));
        }
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
