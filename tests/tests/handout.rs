#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The HTML map handout opened in a real browser engine (the app's WebKit, under
//! WebDriver) from a file, with nothing else beside it: it renders, a step opens from
//! the keyboard, hostile names show as the characters typed, and nothing is fetched.

use chrono::TimeZone;
use successmap_core::model::{
    CustomerInput, MapCustomers, MapExportOptions, MapFormat, Paper, PersonaInput, StepInput,
};
use successmap_core::{edits, reads, Workspace};
use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

const HOSTILE_STEP: &str = "<img src=x onerror=\"document.title='pwned'\">";
const HOSTILE_CUSTOMER: &str = "</summary><script>document.title='pwned'</script>";

/// A handout of a two-step map with hostile names, written to `path`.
fn write_handout(path: &std::path::Path) {
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let ws = Workspace::in_memory().unwrap();
    let persona = edits::create_persona(
        &ws,
        &PersonaInput {
            success_definition: "Every project on the platform".into(),
            ..PersonaInput::named("Studio lead")
        },
        now,
    )
    .unwrap();
    let mut steps = Vec::new();
    for (title, outcome) in [
        ("Pilot live", "One project runs fully in the software"),
        (HOSTILE_STEP, "Everyone works in it"),
    ] {
        steps.push(
            edits::add_step(
                &ws,
                persona.map_id,
                &StepInput {
                    title: title.into(),
                    outcome: outcome.into(),
                    notes: None,
                },
                None,
                now,
            )
            .unwrap(),
        );
    }
    edits::create_customer(
        &ws,
        &CustomerInput {
            current_step_id: Some(steps[0].id),
            arr_cents: Some(1_200_000),
            ..CustomerInput::named(HOSTILE_CUSTOMER, persona.id)
        },
        now,
    )
    .unwrap();
    let html = reads::export_map(
        &ws,
        &[persona.id],
        &MapExportOptions {
            format: MapFormat::Html,
            customers: MapCustomers::Names,
            paper: Paper::A4,
            scale: 1,
            slides: false,
            matrix: false,
        },
        now.date_naive(),
    )
    .unwrap();
    std::fs::write(path, html).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_handout_opens_offline_and_a_step_opens_from_the_keyboard() {
    let sandbox = tempfile::tempdir().unwrap();
    // Alone in its folder: nothing beside it to load.
    let folder = sandbox.path().join("handout");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("studio-lead.html");
    write_handout(&file);
    let app = App::start(
        sandbox.path(),
        Launch::workspace(&sandbox.path().join("w.successmap")),
    )
    .await;
    app.driver
        .goto(format!("file://{}", file.display()))
        .await
        .unwrap();
    app.wait_for_text("h1", "Studio lead").await;
    assert_eq!(
        app.driver.title().await.unwrap(),
        "Success map: Studio lead"
    );

    // The page's script ran (it shows the tools), under its own policy.
    app.wait_for("#expand-all").await;
    let titles = app.texts("li.step summary .title").await;
    assert_eq!(
        titles,
        vec!["Pilot live".to_string(), HOSTILE_STEP.to_string()]
    );

    // Closed at first; Enter on the focused step opens it, ArrowDown moves to the next.
    let first = app.wait_for("li.step summary").await;
    assert_eq!(
        app.wait_for("li.step details")
            .await
            .prop("open")
            .await
            .unwrap()
            .as_deref(),
        Some("false")
    );
    first.focus().await.unwrap();
    app.press(Key::Enter).await;
    app.wait_for("li.step details[open]").await;
    let names = app.wait_for("li.step details[open] .names li span").await;
    assert_eq!(app.text_of(&names).await, HOSTILE_CUSTOMER);
    app.press(Key::Down).await;
    let focused = app
        .driver
        .execute("return document.activeElement.textContent", vec![])
        .await
        .unwrap();
    assert!(
        focused.json().as_str().unwrap().contains(HOSTILE_STEP),
        "{:?}",
        focused.json()
    );
    app.screenshot("handout").await;

    // Hostile names stayed text: no image, one script (the page's), the title untouched.
    let counts = app
        .driver
        .execute(
            "return [document.images.length, document.scripts.length, \
             performance.getEntriesByType('resource').length, document.title]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        counts.json(),
        &serde_json::json!([0, 1, 0, "Success map: Studio lead"]),
        "images, scripts, resources fetched, title"
    );
    app.quit().await;
}

/// From a customer's panel: its success plan as HTML (no internal figures unless asked)
/// and PDF, and the HTML opens offline in the browser engine.
#[tokio::test(flavor = "multi_thread")]
async fn a_customers_success_plan_is_exported_from_its_panel() {
    let (sandbox, app) = App::demo().await;
    app.open_customer("Cedar Design").await;
    app.click("[data-testid=customer-plan]").await;
    app.wait_for("[data-testid=plan-export-dialog]").await;
    app.screenshot("plan-export-dialog").await;

    let export = |path: std::path::PathBuf| {
        let app = &app;
        async move {
            app.fill_save_path(
                "[data-testid=plan-export-path]",
                &path.display().to_string(),
            )
            .await;
            app.click("[data-testid=plan-export-save]").await;
            app.wait_for_text(
                "[data-testid=plan-export-done]",
                &format!(
                    "Exported the success plan of Cedar Design to {}",
                    path.display()
                ),
            )
            .await;
        }
    };
    let pdf = sandbox.path().join("cedar.pdf");
    export(pdf.clone()).await;
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    app.click("[data-testid=plan-export-format-html]").await;
    let html = sandbox.path().join("plan").join("cedar.html");
    std::fs::create_dir_all(html.parent().unwrap()).unwrap();
    export(html.clone()).await;
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.contains("Internal:"), "internal figures stay out");
    app.click("[data-testid=plan-export-internal]").await;
    let internal = sandbox.path().join("cedar-internal.html");
    export(internal.clone()).await;
    assert!(std::fs::read_to_string(&internal)
        .unwrap()
        .contains("Internal: ARR "));

    app.driver
        .goto(format!("file://{}", html.display()))
        .await
        .unwrap();
    app.wait_for_text("h1", "Cedar Design").await;
    assert_eq!(
        app.driver.title().await.unwrap(),
        "Success plan: Cedar Design"
    );
    // The map's steps, the customer's own marked.
    app.wait_for("li.current").await;
    app.screenshot("success-plan").await;
    let fetched = app
        .driver
        .execute(
            "return performance.getEntriesByType('resource').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched.json(), &serde_json::json!(0));
    app.quit().await;
}
