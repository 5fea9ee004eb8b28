//! Map drawings for export: the SVG of a known map, its embedded font subsets, and the
//! PNG and PDF made from it, read back.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use std::collections::{BTreeSet, HashMap};

use common::maps::{known_map, HOSTILE_STEP};
use common::{now, today};
use successmap_core::drawing::{self, font, subset};
use successmap_core::model::{
    CustomerInput, MapCustomers, MapExportOptions, MapFormat, Paper, PersonaId, PersonaInput,
    StepInput,
};
use successmap_core::{edits, reads, Workspace};

fn svg_of(ws: &Workspace, id: PersonaId, customers: MapCustomers) -> drawing::Drawing {
    reads::map_drawings(ws, &[id], customers, today())
        .unwrap()
        .remove(0)
}

/// The text of every `<text>` element, in document order (entities decoded).
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .map(|part| {
            let start = part.find('>').unwrap() + 1;
            let end = part.find("</text>").unwrap();
            part[start..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

fn position(all: &[String], wanted: &str) -> usize {
    all.iter()
        .position(|t| t == wanted)
        .unwrap_or_else(|| panic!("no text {wanted:?} in {all:?}"))
}

#[test]
fn the_svg_has_the_steps_in_order_with_levels_vehicles_and_gaps() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let drawing = svg_of(&ws, id, MapCustomers::Counts);
    let svg = &drawing.svg;
    // Well-formed, and a renderer reads it.
    usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();

    let all = texts(svg);
    assert!(all.contains(&"Studio lead".to_string()));
    assert!(all
        .iter()
        .any(|t| t.starts_with("Success means: Ships every project")));
    let first = position(&all, "Pilot live");
    let second = position(&all, "Team onboarded");
    assert!(first < second);
    // The hostile title is text of the third step, never markup.
    let escaped = "&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
    assert!(svg.contains(&format!("aria-label=\"Step 3: {escaped}\"")));
    assert!(!svg.contains("<script"));
    assert_eq!(
        svg.matches("<text ").count(),
        svg.matches("</text>").count()
    );

    // KPI levels, with the unit written in the numbers or named beside the KPI.
    for wanted in ["Entry", "Good", "Best in class", "25%", "50%", "80%"] {
        position(&all, wanted);
    }
    position(&all, "Days to first model (days)");
    position(&all, "lower is better");
    for wanted in ["60", "30", "14"] {
        position(&all, wanted);
    }

    // The vehicle on the step, the one on the move, the gap.
    let group = |id: &str| {
        let start = svg.find(&format!("<g id=\"{id}\"")).unwrap();
        let end = start + svg[start..].find("</g>").unwrap();
        &svg[start..end]
    };
    assert!(group("step-1").contains(">Office hours for leads<"));
    assert!(group("step-1").contains(">Community<"));
    let move_1 = group("move-1-2");
    assert!(move_1.contains(">Rollout bootcamp<") && move_1.contains(">Training<"));
    assert!(!move_1.contains("Gap"));
    let move_2 = group("move-2-3");
    assert!(move_2.contains("aria-label=\"Move to step 3: gap, no vehicle\""));
    assert!(texts(move_2)
        .join(" ")
        .ends_with("Gap: no vehicle helps customers make this move."));
    assert!(move_2.contains("stroke-dasharray"));
    assert!(!svg.contains("move-3-4"));

    let third: Vec<String> = texts(group("step-3"));
    assert_eq!(third[1..3].concat(), HOSTILE_STEP, "{third:?}");

    // Counts without names.
    assert!(group("step-2").contains(">2 customers · $52K ARR<"));
    assert!(group("step-3").contains(">2 aiming here<"));
    assert!(!svg.contains("Quarry Collective"));
    assert!(!svg.contains("onerror"));
    // The persona's colour, checked before it reaches an attribute.
    assert!(svg.contains("fill=\"#0b7285\""));
}

#[test]
fn customer_names_only_when_chosen_and_always_as_text() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let named = svg_of(&ws, id, MapCustomers::Names).svg;
    assert!(named.contains(">&lt;img src=x onerror=alert(1)&gt;<"));
    assert!(named.contains(">Quarry Collective<"));
    assert!(!named.contains("<img"));
    usvg::Tree::from_str(&named, &usvg::Options::default()).unwrap();

    let none = svg_of(&ws, id, MapCustomers::None).svg;
    assert!(!none.contains(">2 customers"));
    assert!(!none.contains("aiming here"));
    assert!(!none.contains("Quarry"));
}

#[test]
fn an_empty_map_says_so() {
    let ws = Workspace::in_memory().unwrap();
    let persona = edits::create_persona(&ws, &PersonaInput::named("New"), now()).unwrap();
    let drawing = svg_of(&ws, persona.id, MapCustomers::Counts);
    assert!(drawing.svg.contains(">This map has no steps yet.<"));
    usvg::Tree::from_str(&drawing.svg, &usvg::Options::default()).unwrap();
}

/// The base64 font subsets embedded in an SVG.
fn embedded_fonts(svg: &str) -> Vec<Vec<u8>> {
    svg.split("data:font/ttf;base64,")
        .skip(1)
        .map(|part| decode64(&part[..part.find('"').unwrap()]))
        .collect()
}

fn decode64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for b in text.bytes().filter(|&b| b != b'=') {
        bits = (bits << 6) | ALPHABET.iter().position(|&a| a == b).unwrap() as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

#[test]
fn the_svg_embeds_subsets_that_draw_every_character_it_uses() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let drawing = svg_of(&ws, id, MapCustomers::Names);
    let fonts = embedded_fonts(&drawing.svg);
    assert_eq!(fonts.len(), 2, "a regular and a bold subset");
    assert_eq!(fonts, drawing.fonts);
    let used: BTreeSet<char> = texts(&drawing.svg).concat().chars().collect();
    for data in &fonts {
        assert!(
            data.len() < 40_000,
            "a subset, not the whole font: {}",
            data.len()
        );
        let face = ttf_parser::Face::parse(data, 0).unwrap();
        assert!(face.number_of_glyphs() < 150);
    }
    let regular = ttf_parser::Face::parse(&fonts[0], 0).unwrap();
    let bold = ttf_parser::Face::parse(&fonts[1], 0).unwrap();
    for c in used.iter().filter(|c| !c.is_whitespace()) {
        assert!(
            regular.glyph_index(*c).is_some() || bold.glyph_index(*c).is_some(),
            "{c:?} is in no subset"
        );
    }
}

#[test]
fn a_subset_keeps_outlines_and_advances_of_its_characters() {
    // Composite glyphs (accented letters built from a base and a mark) included.
    let chars: BTreeSet<char> = "Hello Żółć Ærø ĳ €12,5 “quoted” Ελλάδα Москва"
        .chars()
        .collect();
    for weight in font::Weight::ALL {
        let original = ttf_parser::Face::parse(weight.data(), 0).unwrap();
        let data = subset::subset(weight.data(), &chars).unwrap();
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        assert_eq!(face.units_per_em(), original.units_per_em());
        for &c in &chars {
            let old = original.glyph_index(c).unwrap();
            let new = face.glyph_index(c).unwrap_or_else(|| panic!("{c:?} lost"));
            assert_eq!(
                face.glyph_hor_advance(new),
                original.glyph_hor_advance(old),
                "{c:?}"
            );
            assert_eq!(
                face.glyph_bounding_box(new),
                original.glyph_bounding_box(old),
                "{c:?}"
            );
        }
        // A character the font lacks stays out; nothing else comes in.
        assert!(face.glyph_index('漢').is_none());
        assert!(face.glyph_index('Q').is_none());
    }
}

fn export(
    ws: &Workspace,
    ids: &[PersonaId],
    format: MapFormat,
    paper: Paper,
    scale: u8,
) -> Vec<u8> {
    reads::export_map(
        ws,
        ids,
        &MapExportOptions {
            format,
            customers: MapCustomers::Counts,
            paper,
            scale,
            slides: false,
            matrix: false,
        },
        today(),
    )
    .unwrap()
}

#[test]
fn the_png_has_the_drawing_size_and_is_not_blank() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let drawing = svg_of(&ws, id, MapCustomers::Counts);
    for scale in [1u8, 2] {
        let png = export(&ws, &[id], MapFormat::Png, Paper::A4, scale);
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        let f = f32::from(scale);
        assert_eq!(pixmap.width(), (drawing.width * f).ceil() as u32);
        assert_eq!(pixmap.height(), (drawing.height * f).ceil() as u32);
        let pixels = pixmap.pixels();
        let white = pixels
            .iter()
            .filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255)
            .count();
        assert!(white < pixels.len() * 95 / 100, "mostly blank");
        assert!(white > pixels.len() / 4, "no paper left");
        // The persona's colour (the bar at the top) is there.
        let top = pixels[(3 * scale as u32 * pixmap.width() + 10) as usize];
        assert_eq!((top.red(), top.green(), top.blue()), (0x0b, 0x72, 0x85));
    }
}

/// A font's ToUnicode map: glyph id → text (the `bfchar` and `bfrange` entries).
fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let Ok(reference) = font.get(b"ToUnicode").and_then(|o| o.as_reference()) else {
        return map;
    };
    let stream = doc.get_object(reference).unwrap().as_stream().unwrap();
    let text = String::from_utf8(stream.get_plain_content().unwrap()).unwrap();
    let hex = |h: &str| u32::from_str_radix(h.trim_matches(|c| c == '<' || c == '>'), 16).unwrap();
    let utf16 = |h: &str| {
        let h = h.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..h.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&h[i..i + 4], 16).unwrap())
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let mut section = "";
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [_, "beginbfchar"] => section = "char",
            [_, "beginbfrange"] => section = "range",
            ["endbfchar"] | ["endbfrange"] => section = "",
            [gid, unicode] if section == "char" => {
                map.insert(hex(gid) as u16, utf16(unicode));
            }
            [from, to, unicode] if section == "range" => {
                let first = utf16(unicode);
                for (i, gid) in (hex(from)..=hex(to)).enumerate() {
                    let mut chars: Vec<char> = first.chars().collect();
                    if let Some(last) = chars.last_mut() {
                        *last = char::from_u32(*last as u32 + i as u32).unwrap();
                    }
                    map.insert(gid as u16, chars.into_iter().collect());
                }
            }
            _ => {}
        }
    }
    map
}

/// The text a content stream and the forms it draws show, in drawing order (svg2pdf
/// places glyph by glyph, so this is the characters run together).
fn stream_text(
    doc: &lopdf::Document,
    content: &[u8],
    resources: Option<&lopdf::Dictionary>,
    out: &mut String,
) {
    let resources = resources.cloned().unwrap_or_default();
    let dict_of = |key: &[u8]| -> lopdf::Dictionary {
        match resources.get(key) {
            Ok(lopdf::Object::Reference(id)) => doc.get_dictionary(*id).unwrap().clone(),
            Ok(lopdf::Object::Dictionary(d)) => d.clone(),
            _ => lopdf::Dictionary::new(),
        }
    };
    let fonts = dict_of(b"Font");
    let forms = dict_of(b"XObject");
    let mut map = HashMap::new();
    for op in lopdf::content::Content::decode(content).unwrap().operations {
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands[0].as_name().unwrap();
                let font = doc
                    .get_dictionary(fonts.get(name).unwrap().as_reference().unwrap())
                    .unwrap();
                map = to_unicode(doc, font);
            }
            "Tj" | "TJ" => {
                let mut bytes = Vec::new();
                let mut collect = |o: &lopdf::Object| {
                    if let Ok(s) = o.as_str() {
                        bytes.extend_from_slice(s);
                    }
                };
                match &op.operands[0] {
                    lopdf::Object::Array(items) => items.iter().for_each(&mut collect),
                    other => collect(other),
                }
                for pair in bytes.chunks(2) {
                    let gid = u16::from_be_bytes([pair[0], pair[1]]);
                    out.push_str(map.get(&gid).map(String::as_str).unwrap_or("\u{fffd}"));
                }
            }
            "Do" => {
                let name = op.operands[0].as_name().unwrap();
                let id = forms.get(name).unwrap().as_reference().unwrap();
                let form = doc.get_object(id).unwrap().as_stream().unwrap();
                let inner = match form.dict.get(b"Resources") {
                    Ok(lopdf::Object::Reference(r)) => Some(doc.get_dictionary(*r).unwrap()),
                    Ok(lopdf::Object::Dictionary(d)) => Some(d),
                    _ => None,
                };
                stream_text(doc, &form.get_plain_content().unwrap(), inner, out);
            }
            _ => {}
        }
    }
}

/// The text of each page of a PDF, from its fonts' ToUnicode maps.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|&page| {
            let dict = doc.get_dictionary(page).unwrap();
            let resources = match dict.get(b"Resources").unwrap() {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                other => other.as_dict().unwrap(),
            };
            let mut out = String::new();
            stream_text(&doc, &doc.get_page_content(page), Some(resources), &mut out);
            out
        })
        .collect()
}

#[test]
fn the_pdf_has_a_page_per_map_with_its_text_in_embedded_fonts() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let other = edits::create_persona(&ws, &PersonaInput::named("Ops manager"), now()).unwrap();
    edits::add_step(
        &ws,
        other.map_id,
        &StepInput {
            title: "Data connected".into(),
            outcome: String::new(),
            notes: None,
        },
        None,
        now(),
    )
    .unwrap();
    let pdf = export(&ws, &[id, other.id], MapFormat::Pdf, Paper::A4, 1);
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 2);
    for page in pages.values() {
        let media = doc
            .get_dictionary(*page)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect::<Vec<_>>();
        assert_eq!(media[2].round(), 842.0);
        assert_eq!(media[3].round(), 595.0);
    }
    let text = page_texts(&pdf);
    let first = &text[0];
    let pilot = first
        .find("Pilot live")
        .unwrap_or_else(|| panic!("{first}"));
    let team = first.find("Team onboarded").unwrap();
    assert!(pilot < team, "{first}");
    assert!(
        first.starts_with("SUCCESS MAPStudio leadSuccess means: Ships"),
        "{first}"
    );
    assert!(first.contains("</text><script>"), "{first}");
    assert!(text[1].contains("Data connected"));
    // Every font is embedded (a FontFile2 stream) and subset (a tagged name).
    let mut fonts = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                fonts += 1;
                assert!(dict.get(b"FontFile2").is_ok(), "not embedded: {dict:?}");
                let name = dict.get(b"FontName").unwrap().as_name().unwrap();
                assert_eq!(
                    name[6],
                    b'+',
                    "not a subset: {}",
                    String::from_utf8_lossy(name)
                );
            }
        }
    }
    assert!(fonts >= 2);

    let letter = export(&ws, &[id], MapFormat::Pdf, Paper::Letter, 1);
    let doc = lopdf::Document::load_mem(&letter).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(media[2].as_float().unwrap(), 792.0);
    assert_eq!(media[3].as_float().unwrap(), 612.0);
}

#[test]
fn one_map_per_svg_or_png() {
    let ws = Workspace::in_memory().unwrap();
    let a = known_map(&ws);
    let b = edits::create_persona(&ws, &PersonaInput::named("Other"), now()).unwrap();
    let err = reads::export_map(
        &ws,
        &[a, b.id],
        &MapExportOptions {
            format: MapFormat::Svg,
            customers: MapCustomers::None,
            paper: Paper::A4,
            scale: 1,
            slides: false,
            matrix: false,
        },
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("one map"), "{err}");
    let err = reads::export_map(
        &ws,
        &[a],
        &MapExportOptions {
            format: MapFormat::Png,
            customers: MapCustomers::None,
            paper: Paper::A4,
            scale: 3,
            slides: false,
            matrix: false,
        },
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("1× or 2×"), "{err}");
}

#[test]
fn a_presentation_reveals_each_step_its_outcome_and_its_move_then_the_whole_map() {
    use successmap_core::presentation::{sequence, Reveal};
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let map = reads::map(&ws, id).unwrap();
    let step = |step| Reveal::Step { step };
    let outcome = |step| Reveal::Outcome { step };
    let moving = |step| Reveal::Move { step };
    let without = vec![
        Reveal::Title,
        step(0),
        outcome(0),
        moving(0),
        step(1),
        outcome(1),
        moving(1),
        step(2),
        outcome(2),
        Reveal::Overview,
    ];
    assert_eq!(sequence(&map, false, false), without);
    let mut with = without.clone();
    // Its customers aim at step 3: the matrix follows the customers per step.
    with.extend([Reveal::Customers, Reveal::Matrix]);
    assert_eq!(sequence(&map, true, false), with);
    let view = reads::presentation(&ws, id, today()).unwrap();
    assert_eq!(view.reveals, with);
    assert_eq!(view.labels.len(), with.len());
    assert_eq!(view.labels[3], "Move to step 2: Team onboarded");
    assert_eq!(
        view.labels[6],
        format!("Move to step 3: {HOSTILE_STEP} (gap: no vehicle)")
    );
    let matrix = view.matrix.unwrap();
    assert_eq!(matrix.customers, 2);
    assert_eq!(matrix.cells.len(), 1, "{:?}", matrix.cells);
    assert_eq!(
        (
            matrix.cells[0].current_step_id,
            matrix.cells[0].target_step_id
        ),
        (Some(map.steps[1].step.id), Some(map.steps[2].step.id))
    );

    let empty = edits::create_persona(&ws, &PersonaInput::named("Empty"), now()).unwrap();
    assert_eq!(
        sequence(&reads::map(&ws, empty.id).unwrap(), true, true),
        vec![Reveal::Title]
    );
}

#[test]
fn the_slide_deck_has_a_page_per_reveal_in_the_presented_order() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let pdf = reads::export_map(
        &ws,
        &[id],
        &MapExportOptions {
            format: MapFormat::Pdf,
            customers: MapCustomers::Counts,
            paper: Paper::A4,
            scale: 1,
            slides: true,
            matrix: false,
        },
        today(),
    )
    .unwrap();
    let reveals = reads::presentation(&ws, id, today()).unwrap().reveals;
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), reveals.len());
    assert_eq!(
        String::from_utf8_lossy(&pdf)
            .matches("/MediaBox [0 0 960 540]")
            .count(),
        reveals.len(),
        "16:9 pages"
    );
    assert!(
        pages[0].starts_with("SUCCESS MAPStudio leadSuccess means: Ships"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].starts_with("STEP 1 OF 3Pilot live"),
        "{}",
        pages[1]
    );
    assert!(
        !pages[1].contains("Outcome of"),
        "the outcome comes with the next page"
    );
    assert!(pages[2].contains("Outcome of Pilot live"));
    assert!(pages[2].contains("ENTRYGOODBEST IN CLASS"), "{}", pages[2]);
    assert!(pages[2].contains("25%50%80%"), "{}", pages[2]);
    assert!(pages[3].contains("To step 2: Team onboarded"));
    assert!(
        pages[3].contains("Training: Rollout bootcamp"),
        "{}",
        pages[3]
    );
    assert!(pages[6].contains("Gap: no vehicle helps customers make this move."));
    let overview = &pages[pages.len() - 3];
    assert!(overview.starts_with("THE WHOLE MAP"), "{overview}");
    assert!(overview.contains("Gap to step 3"));
    let matrix = &pages[pages.len() - 1];
    assert!(
        matrix.starts_with("WHERE CUSTOMERS STAND AND AIM"),
        "{matrix}"
    );
    assert!(matrix.contains("AIMING AT STEP123"), "{matrix}");
    assert!(matrix.contains("2. Team onboarded2"), "{matrix}");
    assert!(!matrix.contains("Quarry"), "never names");
    let customers = &pages[pages.len() - 2];
    assert!(customers.starts_with("CUSTOMERS PER STEP"), "{customers}");
    assert!(!customers.contains("Quarry"), "no names unless chosen");
    assert!(
        customers.contains("</text><script>"),
        "hostile text drawn as text"
    );
}

#[test]
fn customers_with_a_score_bring_the_quadrants_to_the_presentation_and_the_deck() {
    use successmap_core::presentation::Reveal;
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    // No NPS yet: no quadrants.
    let before = reads::presentation(&ws, id, today()).unwrap();
    assert_ne!(before.reveals.last(), Some(&Reveal::Quadrants));
    // A customer on step 2 of 3 (past halfway: successful) with NPS 45.
    let step = reads::map(&ws, id).unwrap().steps[1].step.id;
    edits::create_customer(
        &ws,
        &CustomerInput {
            current_step_id: Some(step),
            nps: Some(45),
            arr_cents: Some(500_000),
            ..CustomerInput::named("Scored Studio", id)
        },
        now(),
    )
    .unwrap();
    let view = reads::presentation(&ws, id, today()).unwrap();
    assert_eq!(view.reveals.last(), Some(&Reveal::Quadrants));
    assert_eq!(view.labels.last().unwrap(), "Success and satisfaction");
    let satisfaction = view.satisfaction.unwrap();
    let happy = &satisfaction.quadrants[0];
    assert_eq!(
        (happy.label.as_str(), happy.customers),
        ("Successful and satisfied", 1)
    );
    assert_eq!(satisfaction.without_score, 2);

    let pdf = reads::export_map(
        &ws,
        &[id],
        &MapExportOptions {
            format: MapFormat::Pdf,
            customers: MapCustomers::Counts,
            paper: Paper::A4,
            scale: 1,
            slides: true,
            matrix: false,
        },
        today(),
    )
    .unwrap();
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), view.reveals.len());
    let last = pages.last().unwrap();
    assert!(last.starts_with("SUCCESS AND SATISFACTION"), "{last}");
    assert!(
        last.contains("Successful from halfway along the map; satisfied from NPS 30."),
        "{last}"
    );
    assert!(last.contains("Successful and satisfied1"), "{last}");
    assert!(
        last.contains("2 customers without an NPS score left out."),
        "{last}"
    );
    assert!(!last.contains("Scored Studio"), "never names");
}

#[test]
fn a_pdf_of_maps_can_follow_each_map_with_its_matrix() {
    let ws = Workspace::in_memory().unwrap();
    let id = known_map(&ws);
    let pdf = |customers, matrix| {
        reads::export_map(
            &ws,
            &[id],
            &MapExportOptions {
                format: MapFormat::Pdf,
                customers,
                paper: Paper::Letter,
                scale: 1,
                slides: false,
                matrix,
            },
            today(),
        )
        .unwrap()
    };
    let pages = page_texts(&pdf(MapCustomers::Counts, true));
    assert_eq!(pages.len(), 2);
    assert!(
        pages[1].starts_with("Studio leadWHERE CUSTOMERS STAND AND AIM"),
        "{}",
        pages[1]
    );
    assert!(pages[1].contains("2. Team onboarded2"), "{}", pages[1]);
    assert!(!pages[1].contains("Quarry"), "never names");
    // The map alone has no customers to count.
    assert_eq!(page_texts(&pdf(MapCustomers::None, true)).len(), 1);
    assert_eq!(page_texts(&pdf(MapCustomers::Counts, false)).len(), 1);
}
