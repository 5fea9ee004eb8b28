#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Evidence-based placement in the real app: KPI values entered on a demo customer
//! suggest a later step; accepting moves the customer, with "Accepted suggestion" in
//! its history.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn kpi_values_suggest_a_step_and_accepting_moves_the_customer() {
    let (_sandbox, app) = App::demo().await;
    app.open("segments").await;
    let matrix = app.wait_for("[data-testid=matrix]").await;
    // A customer on the first step of the first demo persona, through its matrix cell.
    let mut cell = None;
    for c in matrix
        .find_all(By::Css("[data-testid=matrix-cell]"))
        .await
        .unwrap()
    {
        let label = c.attr("aria-label").await.unwrap().unwrap();
        if label.starts_with("Home architect: 1. First project delivered →") {
            cell = Some(c);
            break;
        }
    }
    cell.expect("a cell of customers on the first step")
        .click()
        .await
        .unwrap();
    let panel = app.wait_for("[data-testid=segment-panel]").await;
    let row = panel
        .query(By::Css("[data-testid=customer-row]"))
        .first()
        .await
        .unwrap();
    let name = row
        .find(By::Css(".cell-name"))
        .await
        .unwrap()
        .attr("title")
        .await
        .unwrap()
        .unwrap();
    row.click().await.unwrap();

    // Its panel in the Customers view takes the values: 20 days to the first project
    // (good is 30 or fewer), 60% of projects from a template (good is 50% or more).
    let form = app.wait_for("[data-testid=kpi-values]").await;
    let fields = form
        .find_all(By::Css("[data-testid=kpi-value]"))
        .await
        .unwrap();
    fields[0].send_keys("20").await.unwrap();
    fields[1].send_keys("60").await.unwrap();
    app.click("[data-testid=kpi-values-save]").await;
    app.wait_for_attr(
        "[data-testid=undo]",
        "aria-label",
        &format!("Undo Edit KPI values of “{name}”"),
    )
    .await;

    app.open("segments").await;
    app.click("[data-testid=tab-evidence]").await;
    let evidence = app.wait_for("[data-testid=evidence]").await;
    let text = App::eventually(&format!("a suggestion for {name}"), || async {
        let rows = app.texts("[data-testid=suggestion]").await;
        match rows.iter().find(|r| r.starts_with(&name)) {
            Some(text) => Ok(text.clone()),
            None => Err(format!("{rows:?}")),
        }
    })
    .await;
    assert!(
        text.contains("1. First project delivered") && text.contains("2. Templates in daily use"),
        "{text}"
    );
    app.screenshot("segments-suggested-steps").await;
    drop(evidence);
    app.click("[data-testid=accept-suggestions]").await;
    app.wait_for("[data-testid=evidence-none]").await;

    // The customer moved, and its history says why.
    let history = app.open_customer(&name).await;
    let text = app
        .wait_until_shows(&history, &["Accepted suggestion"])
        .await;
    assert!(text.contains("→ Templates in daily use"), "{text}");
    app.quit().await;
}
