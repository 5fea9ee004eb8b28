#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The app as a user meets it: first start on the default workspace, creating a
//! persona that survives a restart, readable errors. Run with `make e2e`.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

const DEMO_PERSONAS: [&str; 3] = [
    "Home architect",
    "Large-building architect",
    "Industrial architect",
];

/// Without a GPU the app draws without WebKit's compositing (the rest of the suite keeps
/// it on for WebDriver's screenshots): the screens show their data all the same.
#[tokio::test(flavor = "multi_thread")]
async fn without_compositing_the_screens_show_their_data() {
    let sandbox = tempfile::tempdir().unwrap();
    let launch = Launch {
        env: vec![("WEBKIT_DISABLE_COMPOSITING_MODE".into(), "1".into())],
        ..Launch::default()
    };
    let app = App::start(sandbox.path(), launch).await;
    app.wait_for("[data-testid=sidebar-personas] button").await;
    assert_eq!(
        app.texts("[data-testid=persona-card] .persona-name").await,
        DEMO_PERSONAS
    );
    app.open("map").await;
    app.wait_for_text("[data-testid=moves-covered]", "3 of 3")
        .await;
    app.open("customers").await;
    app.wait_for("[data-testid=customer-row]").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_start_opens_the_default_workspace_filled_with_the_demo() {
    let (sandbox, app) = App::demo().await;

    app.wait_for("[data-testid=sidebar-personas] button").await;
    assert_eq!(
        app.texts("[data-testid=sidebar-personas] button").await,
        DEMO_PERSONAS
    );
    assert_eq!(
        app.texts("[data-testid=persona-card] .persona-name").await,
        DEMO_PERSONAS
    );

    // The status line names the workspace file: the app-data default, inside the sandbox.
    let path = app
        .text_of(&app.wait_for("[data-testid=status-path]").await)
        .await;
    let expected = sandbox.path().join("data/org.successmap.app/successmap.db");
    assert_eq!(path, expected.display().to_string());
    assert!(expected.exists(), "the workspace file was created");
    // The demo's three personas cover 82% of revenue: the rule of thumb is met.
    assert_eq!(app.texts("[data-testid=coverage-share]").await, ["82%"]);
    assert!(app.texts("[data-testid=coverage-message]").await.is_empty());
    app.screenshot("personas").await;

    // The map of the selected persona shows its steps, moves and customers.
    app.open("map").await;
    let titles = app.texts("[data-testid=step-column] .step-title").await;
    assert_eq!(
        titles,
        [
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation wins clients"
        ]
    );
    assert_eq!(
        app.text_of(&app.wait_for("[data-testid=moves-covered]").await)
            .await,
        "3 of 3"
    );
    app.screenshot("map").await;

    let large = app
        .wait_for_text(
            "[data-testid=sidebar-personas] button",
            "Large-building architect",
        )
        .await;
    large.click().await.unwrap();
    app.wait_for_text(
        "[data-testid=step-column] .step-title",
        "Compliance built in",
    )
    .await;
    assert_eq!(
        app.text_of(&app.wait_for("[data-testid=moves-covered]").await)
            .await,
        "2 of 4"
    );

    app.open("customers").await;
    app.wait_for_text("[data-testid=customer-total]", "36 customers")
        .await;
    let rows = app.texts("[data-testid=customer-row] .cell-name").await;
    assert!(rows.len() >= 10, "the rows in view are rendered: {rows:?}");
    assert!(rows.len() < 36, "rows out of view are not: {}", rows.len());
    app.screenshot("customers").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_persona_created_in_the_app_is_still_there_after_a_restart() {
    let sandbox = tempfile::tempdir().unwrap();
    let file = sandbox.path().join("my workspace.db");
    let app = App::start(sandbox.path(), Launch::workspace(&file)).await;

    // A named new file starts empty, with an empty state that offers the next step.
    app.wait_for("[data-testid=personas-empty]").await;
    app.click("[data-testid=new-persona]").await;
    app.fill(
        "[data-testid=persona-form] input[name=name]",
        "Facility manager",
    )
    .await;
    app.fill(
        "[data-testid=persona-form] input[name=revenueShare]",
        "12,5",
    )
    .await;
    app.fill(
        "[data-testid=persona-form] textarea[name=goals]",
        "Run plants from the model",
    )
    .await;
    app.click("[data-testid=persona-submit]").await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Facility manager")
        .await;
    app.quit().await;

    // Started again on the same file, this time named through the environment.
    let app = App::start(
        sandbox.path(),
        Launch {
            env: vec![("SUCCESSMAP_WORKSPACE".into(), file.display().to_string())],
            ..Launch::default()
        },
    )
    .await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Facility manager")
        .await;
    assert_eq!(
        app.texts("[data-testid=persona-card] .persona-name").await,
        ["Facility manager"]
    );
    assert_eq!(
        app.texts("[data-testid=persona-card] .badge").await,
        ["12.5%"]
    );
    assert_eq!(
        app.texts("[data-testid=persona-card] .goal-list li").await,
        ["Run plants from the model"]
    );
    assert_eq!(
        app.text_of(&app.wait_for("[data-testid=status-path]").await)
            .await,
        file.display().to_string()
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_edit_is_explained_in_words_and_nothing_is_lost() {
    let (_sandbox, app) = App::demo().await;
    app.click("[data-testid=new-persona]").await;
    let form = app.wait_for("[data-testid=persona-form]").await;
    let name = form.find(By::Css("input[name=name]")).await.unwrap();
    name.send_keys("home ARCHITECT").await.unwrap();
    app.click("[data-testid=persona-submit]").await;
    let alert = app
        .wait_for("[data-testid=persona-form] [role=alert]")
        .await;
    assert_eq!(
        app.text_of(&alert).await,
        "A persona named \"home ARCHITECT\" already exists"
    );
    assert_eq!(
        name.value().await.unwrap().as_deref(),
        Some("home ARCHITECT")
    );
    assert_eq!(
        app.texts("[data-testid=sidebar-personas] button").await,
        DEMO_PERSONAS
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_a_workspace_is_explained_and_left_alone() {
    let sandbox = tempfile::tempdir().unwrap();
    let file = sandbox.path().join("notes.db");
    let content = "these are someone's notes, not a Successmap workspace\n".repeat(20);
    std::fs::write(&file, &content).unwrap();
    let app = App::start(
        sandbox.path(),
        Launch {
            args: vec![format!("--workspace={}", file.display())],
            ..Launch::default()
        },
    )
    .await;
    let screen = app.wait_for("[data-testid=workspace-unavailable]").await;
    let text = app.text_of(&screen).await;
    assert!(
        text.contains("is not a Successmap workspace: the file is not a SQLite database"),
        "{text}"
    );
    // The file was refused before anything touched it (the screen above shows the app
    // is past opening it).
    app.quit().await;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), content);
}
