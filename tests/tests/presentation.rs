#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! A map presented to a room in the real app: entered from the map, revealed to the end
//! (the customers per step, the current × target matrix and the quadrants last) with the keyboard, stepped back, a workshop note taken without leaving, left with
//! Escape, the note listed on the map, undone and redone, and still there after a
//! restart. Prints the frame times of one reveal under Xvfb.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

async fn counter(app: &App) -> (usize, usize) {
    let text = app
        .text_of(&app.wait_for("[data-testid=present-counter]").await)
        .await;
    let (at, total) = text.split_once(" / ").unwrap();
    (at.trim().parse().unwrap(), total.trim().parse().unwrap())
}

async fn reveal(app: &App) -> String {
    app.wait_for("[data-testid=present-stage]")
        .await
        .attr("data-reveal")
        .await
        .unwrap()
        .unwrap()
}

/// The intervals between animation frames while one reveal plays (ms, sorted).
async fn frame_times_of_a_reveal(app: &App) -> Vec<f64> {
    app.driver
        .execute(
            "window.__frames = []; const start = performance.now(); \
             const tick = (t) => { window.__frames.push(t); if (t - start < 700) requestAnimationFrame(tick); \
             else window.__framesDone = true; }; window.__framesDone = false; requestAnimationFrame(tick);",
            vec![],
        )
        .await
        .unwrap();
    app.press(Key::Right).await;
    let frames = App::eventually("the frames of a reveal", || async {
        let done = app
            .driver
            .execute(
                "return window.__framesDone ? window.__frames : null",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        match done.json().as_array() {
            Some(list) => Ok(list.iter().filter_map(|v| v.as_f64()).collect::<Vec<_>>()),
            None => Err("still playing".to_string()),
        }
    })
    .await;
    let mut gaps: Vec<f64> = frames.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_by(|a, b| a.partial_cmp(b).unwrap());
    gaps
}

#[tokio::test(flavor = "multi_thread")]
async fn a_map_is_presented_from_the_keyboard_and_a_workshop_note_is_kept() {
    let (sandbox, app) = App::demo().await;
    app.open("map").await;
    app.wait_for_text("#map-title", "Home architect").await;
    app.click("[data-testid=present-map]").await;
    app.wait_for("[data-testid=presentation]").await;
    app.wait_for_text(".slide h1", "Home architect").await;
    let (first, total) = counter(&app).await;
    assert_eq!(first, 1);
    app.screenshot("presentation-title").await;

    // Reveal everything: the last items are the customers per step, the matrix and the
    // quadrants.
    for expected in 2..=total {
        app.press(Key::Right).await;
        app.wait_for_text(
            "[data-testid=present-counter]",
            &format!("{expected} / {total}"),
        )
        .await;
    }
    assert_eq!(reveal(&app).await, "quadrants");
    app.wait_for("[data-testid=slide-quadrant-successful_satisfied]")
        .await;
    app.screenshot("presentation-quadrants").await;
    app.press(Key::Left).await;
    assert_eq!(reveal(&app).await, "matrix");
    app.wait_for_text(".present-matrix thead th", "AIMING AT STEP")
        .await;
    app.screenshot("presentation-matrix").await;
    app.press(Key::Left).await;
    assert_eq!(reveal(&app).await, "customers");
    app.screenshot("presentation-customers").await;
    app.press(Key::Left).await;
    assert_eq!(reveal(&app).await, "overview");

    // Jump to step 2, show its outcome and KPIs, then measure one reveal (the move).
    app.press("2").await;
    app.wait_for_attr("[data-testid=present-stage]", "data-reveal", "step1")
        .await;
    app.press(Key::Right).await;
    app.wait_for_attr("[data-testid=present-stage]", "data-reveal", "outcome1")
        .await;
    let gaps = frame_times_of_a_reveal(&app).await;
    app.wait_for_attr("[data-testid=present-stage]", "data-reveal", "move1")
        .await;
    if !gaps.is_empty() {
        let at = |p: f64| gaps[((gaps.len() - 1) as f64 * p).round() as usize];
        println!(
            "frame times of a reveal under Xvfb: {} frames, median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            gaps.len(),
            at(0.5),
            at(0.95),
            gaps[gaps.len() - 1]
        );
    }
    app.screenshot("presentation-move").await;

    // A note on the move on screen, without leaving; the presentation stays where it was.
    app.press("n").await;
    app.wait_for("[data-testid=present-note-text]").await;
    app.click("[data-testid=present-note-decision]").await;
    app.fill(
        "[data-testid=present-note-text]",
        "Record the walkthrough as a video",
    )
    .await;
    app.click("[data-testid=present-note-save]").await;
    app.wait_for_text(
        "[data-testid=present-said]",
        "Decision noted on the move from step 2 to step 3.",
    )
    .await;
    assert_eq!(reveal(&app).await, "move1");

    // Escape returns to the map, where the note is listed.
    app.press(Key::Escape).await;
    App::eventually("the presentation to close", || async {
        match app
            .driver
            .find_all(By::Css("[data-testid=presentation]"))
            .await
        {
            Ok(found) if found.is_empty() => Ok(()),
            other => Err(format!("{:?}", other.map(|f| f.len()))),
        }
    })
    .await;
    app.wait_for_text("#map-title", "Home architect").await;
    let note = app
        .wait_for_text(
            "[data-testid=workshop-note] .note-text",
            "Record the walkthrough as a video",
        )
        .await;
    let _ = note;
    app.wait_for_text("[data-testid=workshop-note] .note-kind", "Decision")
        .await;

    // Undone and redone like any edit.
    app.wait_for_undo("Note decision “Record the walkthrough as a video”")
        .await;
    app.press_ctrl("z", false).await;
    App::eventually("the note to be undone", || async {
        let left = app
            .driver
            .find_all(By::Css("[data-testid=workshop-note]"))
            .await
            .map_err(|e| e.to_string())?;
        if left.is_empty() {
            Ok(())
        } else {
            Err(format!("{} notes", left.len()))
        }
    })
    .await;
    app.press_ctrl("z", true).await;
    app.wait_for("[data-testid=workshop-note]").await;
    app.quit().await;

    // Still there after a restart.
    let app = App::start(sandbox.path(), Launch::default()).await;
    app.open("map").await;
    app.wait_for_text(
        "[data-testid=workshop-note] .note-text",
        "Record the walkthrough as a video",
    )
    .await;
    let place = app
        .text_of(
            &app.wait_for("[data-testid=workshop-note] .note-place")
                .await,
        )
        .await;
    assert!(
        place.starts_with("on the move from step 2 to step 3"),
        "{place}"
    );
    app.quit().await;
}

/// The presenter view in a window of its own (a second display, or a call where only
/// the slides are shared): it follows the slides, and its keys move them.
#[tokio::test(flavor = "multi_thread")]
async fn the_presenter_view_in_its_own_window_follows_and_moves_the_slides() {
    let (_sandbox, app) = App::demo().await;
    app.open("map").await;
    app.wait_for_text("#map-title", "Home architect").await;
    app.click("[data-testid=present-map]").await;
    app.wait_for_text(".slide h1", "Home architect").await;
    app.press("p").await;
    app.click("[data-testid=presenter-own-window]").await;
    let main = app.driver.window().await.unwrap();
    let presenter = App::eventually("the presenter window", || async {
        let handles = app.driver.windows().await.map_err(|e| e.to_string())?;
        handles
            .into_iter()
            .find(|h| *h != main)
            .ok_or_else(|| "one window".to_string())
    })
    .await;
    app.driver
        .switch_to_window(presenter.clone())
        .await
        .unwrap();
    app.wait_for_text("[data-testid=presenter-now]", "Title: Home architect")
        .await;
    app.wait_for_text(
        "[data-testid=presenter-next]",
        "Step 1: First project delivered",
    )
    .await;
    app.screenshot("presenter-window").await;
    // Keys in the presenter window move the slides in the audience window.
    app.press(Key::Right).await;
    app.wait_for_text(
        "[data-testid=presenter-now]",
        "Step 1: First project delivered",
    )
    .await;
    app.driver.switch_to_window(main.clone()).await.unwrap();
    app.wait_for_attr("[data-testid=present-stage]", "data-reveal", "step0")
        .await;
    // Keys in the audience window show in the presenter window.
    app.press(Key::Right).await;
    app.driver.switch_to_window(presenter).await.unwrap();
    app.wait_for_text("[data-testid=presenter-now]", "Step 1: outcome and KPIs")
        .await;
    app.wait_for("[data-testid=presenter-notes]").await;
    // Leaving the presentation closes the presenter window.
    app.driver.switch_to_window(main.clone()).await.unwrap();
    app.press(Key::Escape).await;
    App::eventually("the presenter window to close", || async {
        let handles = app.driver.windows().await.map_err(|e| e.to_string())?;
        if handles.len() == 1 {
            Ok(())
        } else {
            Err(format!("{} windows", handles.len()))
        }
    })
    .await;
    app.quit().await;
}
