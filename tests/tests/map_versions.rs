#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Versions of a map in the real app: save one, change the map, compare (the changes
//! are marked on the map itself and listed), restore, and undo the restore.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::App;

const DEMO_STEPS: [&str; 4] = [
    "First project delivered",
    "Templates in daily use",
    "Sustainable design adopted",
    "Visualisation wins clients",
];

#[tokio::test(flavor = "multi_thread")]
async fn a_version_is_saved_compared_on_the_map_restored_and_the_restore_undone() {
    let (_sandbox, app) = App::demo().await;
    app.open("map").await;
    app.wait_for_texts("[data-testid=step-column] .step-title", &DEMO_STEPS)
        .await;

    // Save the map as it is.
    app.click("[data-testid=open-versions]").await;
    app.fill("[data-testid=version-name]", "Before the workshop")
        .await;
    app.fill("[data-testid=version-note]", "As agreed in Lyon")
        .await;
    app.click("[data-testid=version-save]").await;
    app.wait_for_text(
        "[data-testid=version-saved]",
        "Saved “Before the workshop” (4 steps)",
    )
    .await;
    app.screenshot("map-versions").await;
    app.press(Key::Escape).await;
    App::eventually("the versions dialog to close", || async {
        if app.all("[data-testid=versions-dialog]").await.is_empty() {
            Ok(())
        } else {
            Err("it is still open".to_string())
        }
    })
    .await;

    // Change the map: a new step at the end.
    app.click("[data-testid=add-step]").await;
    let editor = app.wait_for("[data-testid=step-editor]").await;
    let input = editor.find(By::Css("input[name=title]")).await.unwrap();
    input
        .send_keys("Champions teach others\u{E007}")
        .await
        .unwrap();
    app.wait_for_text(
        "[data-testid=step-column] .step-title",
        "Champions teach others",
    )
    .await;

    // Compare the version with now: the new step is marked added on the map.
    app.click("[data-testid=open-versions]").await;
    app.click("[data-testid=version-item] [data-testid=version-compare-now]")
        .await;
    app.wait_for_text(
        "[data-testid=version-view-title]",
        "“Before the workshop” compared with now",
    )
    .await;
    app.wait_for_texts(
        "[data-testid=change]",
        &["+ step “Champions teach others” added at position 5"],
    )
    .await;
    let added = app
        .wait_for("[data-testid=version-step][data-mark=added] .step-title")
        .await;
    assert_eq!(app.text_of(&added).await, "Champions teach others");
    assert_eq!(
        app.all("[data-testid=version-step][data-mark=none]")
            .await
            .len(),
        4
    );
    app.screenshot("map-versions-compare").await;
    app.click("[data-testid=version-view-close]").await;

    // Restore the version: the new step goes (nobody stands on it), in one undoable edit.
    app.click("[data-testid=open-versions]").await;
    app.click("[data-testid=version-item] [data-testid=version-restore]")
        .await;
    app.wait_for("[data-testid=restore-dialog]").await;
    app.click("[data-testid=restore-confirm]").await;
    app.wait_for_texts("[data-testid=step-column] .step-title", &DEMO_STEPS)
        .await;
    app.wait_for_undo("Restore version “Before the workshop”")
        .await;
    app.click("[data-testid=undo]").await;
    app.wait_for_text(
        "[data-testid=step-column] .step-title",
        "Champions teach others",
    )
    .await;
    assert_eq!(
        app.texts("[data-testid=step-column] .step-title")
            .await
            .len(),
        5
    );
    app.quit().await;
}
