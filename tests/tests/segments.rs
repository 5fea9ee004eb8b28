#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The CS leader's matrix in the real app: a demo persona's current × target matrix,
//! one cell opened as a segment, and that segment exported to CSV.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

#[tokio::test(flavor = "multi_thread")]
async fn a_matrix_cell_opens_its_segment_and_exports_exactly_its_customers() {
    let sandbox = tempfile::tempdir().unwrap();
    let app = App::start(sandbox.path(), Launch::default()).await;
    app.wait_for("[data-testid=nav-segments]")
        .await
        .click()
        .await
        .unwrap();
    let matrix = app.wait_for("[data-testid=matrix]").await;
    // The first persona's busiest cell.
    let cells = matrix
        .find_all(By::Css("[data-testid=matrix-cell]"))
        .await
        .unwrap();
    let mut best = (0u32, None, String::new());
    for cell in cells {
        let label = cell.attr("aria-label").await.unwrap().unwrap();
        let count: u32 = label
            .rsplit(": ")
            .next()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        if count > best.0 {
            best = (count, Some(cell), label);
        }
    }
    let (count, cell, label) = (best.0, best.1.unwrap(), best.2);
    // "Home architect: 2. Templates in daily use → 4. Visualisation wins clients: 5 customers, …"
    let (persona, rest) = label.split_once(": ").unwrap();
    let (from, rest) = rest.split_once(" → ").unwrap();
    let to = rest.split(": ").next().unwrap();
    let title = |s: &str| s.split_once(". ").unwrap().1.to_string();
    app.screenshot("segments-matrix").await;
    cell.click().await.unwrap();
    let panel = app.wait_for("[data-testid=segment-panel]").await;
    let heading = app.text_of(&panel.find(By::Css("h2")).await.unwrap()).await;
    assert!(
        heading.ends_with(&format!("{count} customers")),
        "{heading}"
    );

    app.wait_for("[data-testid=export-segment]")
        .await
        .click()
        .await
        .unwrap();
    let path = sandbox.path().join("segment.csv");
    let field = app.wait_for("[data-testid=export-path]").await;
    field.clear().await.unwrap();
    field.send_keys(path.display().to_string()).await.unwrap();
    app.wait_for("[data-testid=export-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(
        "[data-testid=export-done]",
        &format!("Exported {count} customers to {}", path.display()),
    )
    .await;
    let csv = std::fs::read_to_string(&path).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len() as u32, count, "{csv}");
    let expected = format!(",{persona},{},{},", title(from), title(to));
    assert!(
        rows.iter().all(|r| r.contains(&expected)),
        "{expected} in {csv}"
    );
    app.screenshot("segments-export").await;
    app.quit().await;
}
