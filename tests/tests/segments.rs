#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The CS leader's matrix in the real app: a demo persona's current × target matrix,
//! one cell opened as a segment, and that segment exported to CSV.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_matrix_cell_opens_its_segment_and_exports_exactly_its_customers() {
    let (sandbox, app) = App::demo().await;
    app.open("segments").await;
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

    app.click("[data-testid=export-segment]").await;
    let path = sandbox.path().join("segment.csv");
    app.export_to(&path, count).await;
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

/// The count shown on a quadrant button ("Neither\n12\n33% · $1.2M ARR" → 12).
async fn quadrant_count(app: &App, quadrant: &str) -> u32 {
    let button = app
        .wait_for(&format!(
            "[data-testid=quadrant-{quadrant}] .quadrant-count"
        ))
        .await;
    app.text_of(&button).await.replace(',', "").parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_quadrant_of_success_vs_satisfaction_opens_as_a_segment_and_is_saved() {
    let (_sandbox, app) = App::demo().await;
    app.open("segments").await;
    app.wait_for("[data-testid=matrix]").await;
    app.click("[data-testid=tab-flows]").await;
    app.wait_for("[data-testid=flows-chart] svg").await;
    app.screenshot("segments-flows").await;

    app.click("[data-testid=tab-satisfaction]").await;
    app.wait_for("[data-testid=satisfaction-chart] svg").await;
    let mut counts = Vec::new();
    for q in [
        "successful_satisfied",
        "successful_not_satisfied",
        "satisfied_not_successful",
        "neither",
    ] {
        counts.push((quadrant_count(&app, q).await, q));
    }
    // The demo's 36 customers all have an NPS: every one is in a quadrant.
    assert_eq!(counts.iter().map(|c| c.0).sum::<u32>(), 36, "{counts:?}");
    let (count, quadrant) = *counts.iter().max().unwrap();
    assert!(count > 0);
    app.screenshot("segments-satisfaction").await;

    app.click(&format!("[data-testid=quadrant-{quadrant}]"))
        .await;
    app.wait_for_attr(
        &format!("[data-testid=quadrant-{quadrant}]"),
        "aria-pressed",
        "true",
    )
    .await;
    let panel = app.wait_for("[data-testid=segment-panel]").await;
    let heading = app.text_of(&panel.find(By::Css("h2")).await.unwrap()).await;
    let customers = if count == 1 {
        "1 customer".to_string()
    } else {
        format!("{count} customers")
    };
    assert!(heading.ends_with(&format!("· {customers}")), "{heading}");
    assert!(
        heading.contains("(NPS; progress along the map)"),
        "{heading}"
    );

    // Saved under a name, it is listed with its size now.
    app.click("[data-testid=save-segment]").await;
    let name = app.wait_for("[data-testid=segment-name]").await;
    name.send_keys("Quadrant to watch").await.unwrap();
    app.click("[data-testid=segment-save]").await;
    let item = app.wait_for("[data-testid=saved-segment]").await;
    let size = app
        .text_of(
            &item
                .find(By::Css("[data-testid=saved-segment-size]"))
                .await
                .unwrap(),
        )
        .await;
    assert!(size.starts_with(&customers), "{size} for {count}");
    app.screenshot("segments-saved").await;

    // A filter narrows the chart and shows as a chip.
    let min = app.wait_for("[data-testid=filter-arr-min]").await;
    min.send_keys("1000000").await.unwrap();
    app.wait_for("[aria-label^='Remove filter ARR']").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn progression_shows_stays_and_moves_and_opens_the_stalled_customers() {
    let (_sandbox, app) = App::demo().await;
    app.open("segments").await;
    app.click("[data-testid=tab-progression]").await;
    let table = app.wait_for("[data-testid=progression]").await;
    let rows = table
        .find_all(By::Css("[data-testid=progression-row]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 4, "the demo persona's four steps");
    // The demo's first step has completed stays: a median in days.
    let first = app.text_of(&rows[0]).await;
    assert!(first.contains("days"), "{first}");
    app.screenshot("segments-progression").await;

    let count = app.wait_for("[data-testid=stalled-count]").await;
    let count = app.text_of(&count).await;
    let stalled: u32 = count.split(' ').next().unwrap().parse().unwrap();
    assert!(stalled > 0, "{count}");
    app.click("[data-testid=show-stalled]").await;
    app.wait_for("[aria-label='Remove filter On their step over 60 days']")
        .await;
    let panel = app.wait_for("[data-testid=segment-panel]").await;
    let customers = if stalled == 1 {
        "1 customer".to_string()
    } else {
        format!("{stalled} customers")
    };
    App::eventually(&format!("the stalled segment of {customers}"), || async {
        let heading = app.text_of(&panel.find(By::Css("h2")).await.unwrap()).await;
        if heading.ends_with(&format!("· {customers}")) {
            Ok(())
        } else {
            Err(heading)
        }
    })
    .await;
    app.quit().await;
}
