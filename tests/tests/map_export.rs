#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! A map exported from the app's Export dialog as PDF, PNG, SVG and HTML: the files are
//! written where the user said, in the format and with the choices made.

use successmap_e2e::App;

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

async fn export(app: &App, path: &std::path::Path, done: &str) {
    app.fill_save_path("[data-testid=map-export-path]", &path.display().to_string())
        .await;
    app.click("[data-testid=map-export-save]").await;
    app.wait_for_text(
        "[data-testid=map-export-done]",
        &format!("{done} to {}", path.display()),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_map_is_exported_as_pdf_png_svg_and_html_from_the_dialog() {
    let (sandbox, app) = App::demo().await;
    app.open("map").await;
    app.wait_for_text("#map-title", "Home architect").await;
    app.click("[data-testid=export-map]").await;
    app.wait_for("[data-testid=map-export-dialog]").await;
    app.screenshot("map-export-dialog").await;

    // PDF on A4, every persona's map a page.
    let paper = app.wait_for("[data-testid=map-export-paper]").await;
    app.choose(&paper, "A4, landscape").await;
    app.click("[data-testid=map-export-all]").await;
    let pdf = sandbox.path().join("maps.pdf");
    export(&app, &pdf, "Exported 3 maps").await;
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("/MediaBox [0 0 841.89 595.28]").count(), 3);

    // Each map followed by its customers by current and target step.
    app.click("[data-testid=map-export-matrix]").await;
    let with_matrix = sandbox.path().join("maps-matrix.pdf");
    export(&app, &with_matrix, "Exported 3 maps").await;
    let text = String::from_utf8_lossy(&std::fs::read(&with_matrix).unwrap()).into_owned();
    assert_eq!(text.matches("/MediaBox [0 0 841.89 595.28]").count(), 6);
    app.click("[data-testid=map-export-matrix]").await;

    // PNG at 1x.
    app.click("[data-testid=map-export-format-png]").await;
    let scale = app.wait_for("[data-testid=map-export-scale]").await;
    app.choose(&scale, "1× (for screens)").await;
    let png = sandbox.path().join("home.png");
    export(&app, &png, "Exported the map of Home architect").await;
    let (width, height) = png_size(&std::fs::read(&png).unwrap());
    assert!(width >= 1000 && height >= 500, "{width}×{height}");

    // PNG at 2x: twice the pixels.
    app.choose(&scale, "2× (sharp in print and on high-density screens)")
        .await;
    let sharp = sandbox.path().join("home@2x.png");
    export(&app, &sharp, "Exported the map of Home architect").await;
    assert_eq!(
        png_size(&std::fs::read(&sharp).unwrap()),
        (2 * width, 2 * height)
    );

    // SVG with names; the counts-only default leaves them out.
    app.click("[data-testid=map-export-format-svg]").await;
    let counts = sandbox.path().join("counts.svg");
    export(&app, &counts, "Exported the map of Home architect").await;
    let customers = app.wait_for("[data-testid=map-export-customers]").await;
    app.choose(&customers, "Counts, ARR and the largest customers' names")
        .await;
    let named = sandbox.path().join("named.svg");
    export(&app, &named, "Exported the map of Home architect").await;
    let counts = std::fs::read_to_string(&counts).unwrap();
    let named = std::fs::read_to_string(&named).unwrap();
    for svg in [&counts, &named] {
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains(">Home architect<"));
        assert!(svg.contains(">First project delivered<"));
        assert!(svg.contains("data:font/ttf;base64,"));
    }
    assert!(named.contains(">Cedar Design<"));
    assert!(!counts.contains("Cedar Design"));

    // The HTML handout of every persona's map (names still chosen).
    app.click("[data-testid=map-export-format-html]").await;
    let all = app.wait_for("[data-testid=map-export-all]").await;
    if all.prop("checked").await.unwrap().as_deref() != Some("true") {
        all.click().await.unwrap();
    }
    let html = sandbox.path().join("maps.html");
    export(&app, &html, "Exported 3 maps").await;
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    for persona in [
        "Home architect",
        "Large-building architect",
        "Industrial architect",
    ] {
        assert!(html.contains(&format!("{persona}</a>")), "{persona}");
    }
    assert!(html.contains("Cedar Design"));
    app.quit().await;
}
