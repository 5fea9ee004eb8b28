#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! A benchmark, not a check (ignored by `make test`; run by bench/reveal-frames.sh): the
//! frame times of one reveal of a presentation, with WebKit's compositing and without it
//! (what the app chooses on a machine without a GPU, src-tauri/src/rendering.rs), each
//! measured in a fresh app, alternately.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

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
#[ignore = "a benchmark: bench/reveal-frames.sh"]
async fn frame_times_of_a_reveal_with_and_without_compositing() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        for mode in ["1", "0"] {
            let sandbox = tempfile::tempdir().unwrap();
            let launch = Launch {
                env: vec![("WEBKIT_DISABLE_COMPOSITING_MODE".into(), mode.into())],
                ..Launch::default()
            };
            let app = App::start(sandbox.path(), launch).await;
            app.open("map").await;
            app.wait_for_text("#map-title", "Home architect").await;
            app.click("[data-testid=present-map]").await;
            app.wait_for("[data-testid=presentation]").await;
            // Step 2's outcome; the key is pressed until the presentation takes it (just
            // opened, it may not listen yet).
            App::eventually("the presentation to jump to step 2", || async {
                app.press("2").await;
                let reveal = app
                    .wait_for("[data-testid=present-stage]")
                    .await
                    .attr("data-reveal")
                    .await
                    .map_err(|e| e.to_string())?;
                if reveal.as_deref() == Some("step1") {
                    Ok(())
                } else {
                    Err(format!("at {reveal:?}"))
                }
            })
            .await;
            app.press(Key::Right).await;
            app.wait_for_attr("[data-testid=present-stage]", "data-reveal", "outcome1")
                .await;
            let how = if mode == "1" {
                "without compositing"
            } else {
                "with compositing   "
            };
            // The first reveal after the start, then the next one.
            for (which, after) in [("first", "move1"), ("next ", "step2")] {
                let gaps = frame_times_of_a_reveal(&app).await;
                app.wait_for_attr("[data-testid=present-stage]", "data-reveal", after)
                    .await;
                if gaps.is_empty() {
                    println!("{how}, {which} reveal: one frame of 700 ms or more");
                    continue;
                }
                let at = |p: f64| gaps[((gaps.len() - 1) as f64 * p).round() as usize];
                println!(
                    "{how}, {which} reveal: {} frames, median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
                    gaps.len(),
                    at(0.5),
                    at(0.95),
                    gaps[gaps.len() - 1]
                );
            }
            app.quit().await;
        }
    }
}
