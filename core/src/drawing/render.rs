//! PNG and PDF from a drawing's SVG, by resvg and svg2pdf, with the font subsets the SVG
//! embeds: no browser and no other program.

use std::collections::HashMap;
use std::sync::Arc;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::{font, Drawing};
use crate::error::{CoreError, CoreResult};
use crate::model::Paper;

/// The white border kept around a drawing on a page, in points.
const PAGE_MARGIN: f32 = 24.0;

fn fault(what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::Fault(format!("the drawing could not be made into {what}: {e}"))
}

/// The drawing parsed with its own fonts (and the machine's, for text they lack).
fn tree(drawing: &Drawing) -> CoreResult<usvg::Tree> {
    let mut fonts = usvg::fontdb::Database::new();
    for data in &drawing.fonts {
        fonts.load_font_data(data.clone());
    }
    if drawing.fallback {
        fonts.load_system_fonts();
    }
    fonts.set_sans_serif_family(font::FAMILY);
    let options = usvg::Options {
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(&drawing.svg, &options).map_err(|e| fault("a picture", e))
}

/// The drawing as a PNG image at `scale` × its size (1 or 2: a screen or a sharp print).
pub fn png(drawing: &Drawing, scale: f32) -> CoreResult<Vec<u8>> {
    let tree = tree(drawing)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| fault("PNG", "the picture would be empty"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| fault("PNG", "the picture is too large"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| fault("PNG", e))
}

/// A vector PDF with one page of `paper` per drawing, each drawing scaled to fit the
/// page and centred at its top; text stays text (searchable) in embedded font subsets.
pub fn pdf(drawings: &[Drawing], paper: Paper, title: &str) -> CoreResult<Vec<u8>> {
    let (page_w, page_h) = paper.size();
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut pages = Vec::new();
    let mut chunks = Vec::new();
    for drawing in drawings {
        let tree = tree(drawing)?;
        let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| fault("PDF", e))?;
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let root = *renumbered
            .get(&root)
            .ok_or_else(|| fault("PDF", "the drawing's object went missing"))?;
        let page = alloc.bump();
        let content = alloc.bump();
        let (width, height) = (drawing.width.max(1.0), drawing.height.max(1.0));
        // Slides fill their page; a map keeps a white border.
        let margin = if paper == Paper::Slide {
            0.0
        } else {
            PAGE_MARGIN
        };
        let scale = ((page_w - 2.0 * margin) / width).min((page_h - 2.0 * margin) / height);
        let (w, h) = (width * scale, height * scale);
        let x = (page_w - w) / 2.0;
        let y = page_h - margin - h;
        let mut ops = Content::new();
        ops.save_state();
        ops.transform([w, 0.0, 0.0, h, x, y]);
        ops.x_object(Name(b"D1"));
        ops.restore_state();
        pdf.stream(content, &ops.finish());
        let mut writer = pdf.page(page);
        writer
            .media_box(Rect::new(0.0, 0.0, page_w, page_h))
            .parent(tree_id)
            .contents(content);
        writer.resources().x_objects().pair(Name(b"D1"), root);
        writer.finish();
        pages.push(page);
        chunks.push(chunk);
    }
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    pdf.catalog(catalog).pages(tree_id);
    pdf.pages(tree_id)
        .kids(pages.iter().copied())
        .count(pages.len() as i32);
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Successmap"));
    Ok(pdf.finish())
}
