//! A TrueType subsetter for the fonts embedded in exports: keeps the glyphs of the
//! characters a drawing uses (and the glyphs their composites are built from), renumbers
//! them densely and writes a font that browsers (through their font sanitiser), resvg and
//! svg2pdf all read.
//!
//! Kept: `cmap` (rebuilt: format 4, and format 12 when a character lies beyond the BMP),
//! `glyf`/`loca` (rebuilt, long offsets), `hmtx`/`hhea`/`maxp` (for the new glyph count),
//! `head`, `OS/2`, `name`, `post` (as version 3: no glyph names) and the hinting tables
//! (`cvt `, `fpgm`, `prep`, `gasp`), which glyph programs refer to. Dropped: the layout
//! tables (`GSUB`, `GPOS`, `GDEF`, `kern`) and the signature: the drawing measures text by
//! advance widths alone, so every renderer must lay it out the same way, without kerning
//! or ligatures.

use std::collections::{BTreeMap, BTreeSet};

/// Why a font could not be subset (only for a font this module was not written for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubsetError(pub &'static str);

type Result<T> = std::result::Result<T, SubsetError>;

struct Tables<'a> {
    font: &'a [u8],
    records: BTreeMap<[u8; 4], (usize, usize)>,
}

impl<'a> Tables<'a> {
    fn parse(font: &'a [u8]) -> Result<Self> {
        let count = read_u16(font, 4)? as usize;
        let mut records = BTreeMap::new();
        for i in 0..count {
            let at = 12 + 16 * i;
            let tag: [u8; 4] = font
                .get(at..at + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or(SubsetError("truncated table directory"))?;
            let offset = read_u32(font, at + 8)? as usize;
            let length = read_u32(font, at + 12)? as usize;
            if offset
                .checked_add(length)
                .is_none_or(|end| end > font.len())
            {
                return Err(SubsetError("a table lies outside the font"));
            }
            records.insert(tag, (offset, length));
        }
        Ok(Tables { font, records })
    }

    fn get(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.records
            .get(tag)
            .map(|&(offset, length)| &self.font[offset..offset + length])
    }

    fn need(&self, tag: &'static [u8; 4]) -> Result<&'a [u8]> {
        self.get(tag)
            .ok_or(SubsetError("a required table is missing"))
    }
}

fn read_u16(data: &[u8], at: usize) -> Result<u16> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(SubsetError("truncated table"))
}

fn read_u32(data: &[u8], at: usize) -> Result<u32> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SubsetError("truncated table"))
}

fn put_u16(data: &mut [u8], at: usize, value: u16) {
    data[at..at + 2].copy_from_slice(&value.to_be_bytes());
}

/// The glyph outlines of a `glyf`/`loca` pair.
struct Glyphs<'a> {
    glyf: &'a [u8],
    offsets: Vec<usize>,
}

impl<'a> Glyphs<'a> {
    fn glyph(&self, gid: u16) -> Result<&'a [u8]> {
        let i = gid as usize;
        let (start, end) = match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&s), Some(&e)) if s <= e && e <= self.glyf.len() => (s, e),
            _ => return Err(SubsetError("a glyph lies outside the glyf table")),
        };
        Ok(&self.glyf[start..end])
    }
}

// Composite glyph flags.
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// The byte offsets (within the glyph) and glyph ids of a composite glyph's components;
/// none for a simple or empty glyph.
fn components(glyph: &[u8]) -> Result<Vec<(usize, u16)>> {
    if glyph.len() < 10 || (read_u16(glyph, 0)? as i16) >= 0 {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut at = 10;
    loop {
        let flags = read_u16(glyph, at)?;
        found.push((at + 2, read_u16(glyph, at + 2)?));
        at += 4;
        at += if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        if flags & WE_HAVE_A_SCALE != 0 {
            at += 2;
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            at += 4;
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            at += 8;
        }
        if flags & MORE_COMPONENTS == 0 {
            return Ok(found);
        }
    }
}

/// A font with only the glyphs of `chars` (characters the font lacks are left out; a
/// renderer falls back to another font for them).
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    let tables = Tables::parse(font)?;
    let face = ttf_parser::Face::parse(font, 0).map_err(|_| SubsetError("not a font"))?;
    let head = tables.need(b"head")?;
    let maxp = tables.need(b"maxp")?;
    let hhea = tables.need(b"hhea")?;
    let hmtx = tables.need(b"hmtx")?;
    let loca = tables.need(b"loca")?;
    let glyf = tables.need(b"glyf")?;
    let glyph_count = read_u16(maxp, 4)? as usize;
    let long_offsets = read_u16(head, 50)? == 1;
    let offsets = (0..=glyph_count)
        .map(|i| {
            if long_offsets {
                read_u32(loca, 4 * i).map(|o| o as usize)
            } else {
                read_u16(loca, 2 * i).map(|o| 2 * o as usize)
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let glyphs = Glyphs { glyf, offsets };

    // The glyphs to keep: .notdef, those of the characters, their components.
    let mut mapped: BTreeMap<char, u16> = BTreeMap::new();
    for &c in chars {
        if let Some(gid) = face.glyph_index(c) {
            mapped.insert(c, gid.0);
        }
    }
    let mut keep: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = mapped.values().copied().chain([0]).collect();
    while let Some(gid) = todo.pop() {
        if (gid as usize) >= glyph_count || !keep.insert(gid) {
            continue;
        }
        for (_, component) in components(glyphs.glyph(gid)?)? {
            if !keep.contains(&component) {
                todo.push(component);
            }
        }
    }
    let new_id: BTreeMap<u16, u16> = keep
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new as u16))
        .collect();

    // glyf and loca.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::new();
    for &old in &keep {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let mut glyph = glyphs.glyph(old)?.to_vec();
        for (at, component) in components(&glyph)? {
            let renumbered = *new_id
                .get(&component)
                .ok_or(SubsetError("a component glyph is missing"))?;
            put_u16(&mut glyph, at, renumbered);
        }
        new_glyf.extend_from_slice(&glyph);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    // hmtx, with a full metric for every glyph.
    let metrics = read_u16(hhea, 34)? as usize;
    if metrics == 0 {
        return Err(SubsetError("the font has no horizontal metrics"));
    }
    let mut new_hmtx = Vec::new();
    for &old in &keep {
        let old = old as usize;
        let (advance, lsb) = if old < metrics {
            (read_u16(hmtx, 4 * old)?, read_u16(hmtx, 4 * old + 2)?)
        } else {
            (
                read_u16(hmtx, 4 * (metrics - 1))?,
                read_u16(hmtx, 4 * metrics + 2 * (old - metrics))?,
            )
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let count = keep.len() as u16;
    let mut new_hhea = hhea.to_vec();
    put_u16(&mut new_hhea, 34, count);
    let mut new_maxp = maxp.to_vec();
    put_u16(&mut new_maxp, 4, count);
    let mut new_head = head.to_vec();
    new_head
        .get_mut(8..12)
        .ok_or(SubsetError("truncated head table"))?
        .fill(0);
    put_u16(&mut new_head, 50, 1);
    let mut new_post = tables
        .need(b"post")?
        .get(..32)
        .ok_or(SubsetError("truncated post table"))?
        .to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let cmap: Vec<(u32, u16)> = mapped
        .iter()
        .map(|(&c, gid)| (c as u32, new_id[gid]))
        .collect();

    let mut out_tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    out_tables.insert(*b"cmap", cmap_table(&cmap));
    out_tables.insert(*b"glyf", new_glyf);
    out_tables.insert(*b"loca", new_loca);
    out_tables.insert(*b"hmtx", new_hmtx);
    out_tables.insert(*b"hhea", new_hhea);
    out_tables.insert(*b"maxp", new_maxp);
    out_tables.insert(*b"head", new_head);
    out_tables.insert(*b"post", new_post);
    for tag in [b"OS/2", b"name", b"cvt ", b"fpgm", b"prep", b"gasp"] {
        if let Some(table) = tables.get(tag) {
            out_tables.insert(*tag, table.to_vec());
        }
    }
    Ok(assemble(&out_tables))
}

/// A `cmap` with a format 4 subtable (Windows, BMP) and, when needed, a format 12 one
/// (Windows, full repertoire). `mapping` is sorted by character.
fn cmap_table(mapping: &[(u32, u16)]) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = mapping
        .iter()
        .filter(|(c, _)| *c < 0xFFFF)
        .map(|&(c, g)| (c as u16, g))
        .collect();
    let wide = mapping.iter().any(|(c, _)| *c > 0xFFFF);

    // Format 4: runs of consecutive characters with consecutive glyphs share a segment.
    let mut segments: Vec<(u16, u16, u16)> = Vec::new(); // start, end, glyph of start
    for &(c, g) in &bmp {
        match segments.last_mut() {
            Some((start, end, first)) if *end + 1 == c && first.wrapping_add(c - *start) == g => {
                *end = c
            }
            _ => segments.push((c, c, g)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 0));
    let seg_count = segments.len() as u16;
    let mut search_range = 2u16;
    let mut entry_selector = 0u16;
    while search_range * 2 <= seg_count * 2 {
        search_range *= 2;
        entry_selector += 1;
    }
    let mut f4 = Vec::new();
    let length = 16 + 8 * seg_count;
    for v in [
        4,
        length,
        0,
        seg_count * 2,
        search_range,
        entry_selector,
        seg_count * 2 - search_range,
    ] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    for &(_, end, _) in &segments {
        f4.extend_from_slice(&end.to_be_bytes());
    }
    f4.extend_from_slice(&0u16.to_be_bytes());
    for &(start, _, _) in &segments {
        f4.extend_from_slice(&start.to_be_bytes());
    }
    for &(start, end, glyph) in &segments {
        let delta = if end == 0xFFFF {
            1
        } else {
            glyph.wrapping_sub(start)
        };
        f4.extend_from_slice(&delta.to_be_bytes());
    }
    for _ in &segments {
        f4.extend_from_slice(&0u16.to_be_bytes());
    }

    let mut f12 = Vec::new();
    if wide {
        let mut groups: Vec<(u32, u32, u32)> = Vec::new();
        for &(c, g) in mapping {
            let g = u32::from(g);
            match groups.last_mut() {
                Some((start, end, first)) if *end + 1 == c && *first + (c - *start) == g => {
                    *end = c
                }
                _ => groups.push((c, c, g)),
            }
        }
        f12.extend_from_slice(&12u16.to_be_bytes());
        f12.extend_from_slice(&0u16.to_be_bytes());
        f12.extend_from_slice(&(16 + 12 * groups.len() as u32).to_be_bytes());
        f12.extend_from_slice(&0u32.to_be_bytes());
        f12.extend_from_slice(&(groups.len() as u32).to_be_bytes());
        for (start, end, glyph) in groups {
            for v in [start, end, glyph] {
                f12.extend_from_slice(&v.to_be_bytes());
            }
        }
    }

    let subtables: u16 = if wide { 2 } else { 1 };
    let mut cmap = Vec::new();
    cmap.extend_from_slice(&0u16.to_be_bytes());
    cmap.extend_from_slice(&subtables.to_be_bytes());
    let first = 4 + 8 * u32::from(subtables);
    for v in [3u16, 1] {
        cmap.extend_from_slice(&v.to_be_bytes());
    }
    cmap.extend_from_slice(&first.to_be_bytes());
    if wide {
        for v in [3u16, 10] {
            cmap.extend_from_slice(&v.to_be_bytes());
        }
        cmap.extend_from_slice(&(first + f4.len() as u32).to_be_bytes());
    }
    cmap.extend_from_slice(&f4);
    cmap.extend_from_slice(&f12);
    cmap
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// The font file: table directory (sorted by tag), tables 4-byte aligned, and the
/// `head` table's whole-font checksum adjustment.
fn assemble(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let mut power = 1u16;
    let mut exponent = 0u16;
    while power * 2 <= count {
        power *= 2;
        exponent += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [count, power * 16, exponent, count * 16 - power * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for data in tables.values() {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}
