#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The product manager's map workflow in the real app: steps added at the end and
//! in between, edited in place, deleted, undone and redone by keyboard and toolbar,
//! and all of it still there after a restart.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

async fn add_step(app: &App, title: &str) {
    app.click("[data-testid=add-step]").await;
    let editor = app.wait_for("[data-testid=step-editor]").await;
    let input = editor.find(By::Css("input[name=title]")).await.unwrap();
    input.send_keys(format!("{title}\u{E007}")).await.unwrap(); // Enter saves
    app.wait_for_text("[data-testid=step-column] .step-title", title)
        .await;
}

/// Creates a persona, opens its map and adds `titles` as its steps.
async fn new_map(app: &App, persona: &str, titles: &[&str]) {
    app.create_persona(persona).await;
    app.open("map").await;
    for title in titles {
        add_step(app, title).await;
    }
}

/// Opens the palette, creates a vehicle there and returns its chip.
async fn create_vehicle(app: &App, name: &str) -> WebElement {
    app.click("[data-testid=toggle-palette]").await;
    app.click("[data-testid=new-vehicle]").await;
    app.fill("[data-testid=vehicle-form] input[name=name]", name)
        .await;
    app.click("[data-testid=vehicle-save]").await;
    app.wait_for("[data-testid=palette-vehicle]").await
}

async fn step_titles(app: &App) -> Vec<String> {
    app.texts("[data-testid=step-column] .step-title").await
}

async fn wait_for_titles(app: &App, expected: &[&str]) {
    app.wait_for_texts("[data-testid=step-column] .step-title", expected)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn steps_are_added_edited_deleted_undone_and_kept_across_a_restart() {
    let sandbox = tempfile::tempdir().unwrap();
    let file = sandbox.path().join("designer.db");
    let launch = Launch::workspace(&file);
    let app = App::start(sandbox.path(), launch.clone()).await;

    new_map(
        &app,
        "Home architect",
        &[
            "First project delivered",
            "Sustainable design adopted",
            "Visualisation wins clients",
        ],
    )
    .await;
    // Insert between the first two steps.
    app.click("[data-testid=insert-step]").await;
    app.fill(
        "[data-testid=step-editor] input[name=title]",
        "Templates in daily use",
    )
    .await;
    app.fill(
        "[data-testid=step-editor] textarea[name=outcome]",
        "Own templates cut drawing work",
    )
    .await;
    app.fill(
        "[data-testid=step-notes-input]",
        "Ask who built their own template",
    )
    .await;
    app.click("[data-testid=step-save]").await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation wins clients",
        ],
    )
    .await;
    assert_eq!(app.texts("[data-testid=moves-covered]").await, ["0 of 3"]);

    // Edit the last step's title in place.
    let edits = app.all("[data-testid=edit-step]").await;
    edits[3].click().await.unwrap();
    let title = app
        .wait_for("[data-testid=step-editor] input[name=title]")
        .await;
    title.clear().await.unwrap();
    title
        .send_keys("Visualisation used in every pitch\u{E007}")
        .await
        .unwrap();
    app.wait_for_text(
        "[data-testid=step-column] .step-title",
        "Visualisation used in every pitch",
    )
    .await;

    // Delete the second step, undo with Ctrl+Z, redo with Ctrl+Shift+Z, undo with the toolbar.
    let deletes = app.all("[data-testid=delete-step]").await;
    deletes[1].click().await.unwrap();
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Sustainable design adopted",
            "Visualisation used in every pitch",
        ],
    )
    .await;
    app.click("body").await;
    app.press_ctrl("z", false).await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation used in every pitch",
        ],
    )
    .await;
    assert_eq!(
        app.texts("[data-testid=step-column] .step-outcome").await,
        ["Own templates cut drawing work"]
    );
    app.press_ctrl("z", true).await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Sustainable design adopted",
            "Visualisation used in every pitch",
        ],
    )
    .await;
    app.click("[data-testid=undo]").await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation used in every pitch",
        ],
    )
    .await;
    // One more undo reverts the title edit.
    app.click("[data-testid=undo]").await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation wins clients",
        ],
    )
    .await;
    app.screenshot("map-designer").await;
    app.quit().await;

    let app = App::start(sandbox.path(), launch).await;
    app.open("map").await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation wins clients",
        ],
    )
    .await;
    // The presenter notes are kept with their step.
    assert_eq!(
        app.texts("[data-testid=step-notes]").await,
        ["Presenter notes: Ask who built their own template"]
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_step_with_customers_cannot_be_deleted_and_the_app_says_why() {
    let (_sandbox, app) = App::demo().await;
    app.open("map").await;
    let deletes = app.all("[data-testid=delete-step]").await;
    deletes[1].click().await.unwrap();
    let notice = app.wait_for("[data-testid=error-notice]").await;
    let text = app.text_of(&notice).await;
    assert!(
        text.starts_with(
            "The step \"Templates in daily use\" cannot be deleted: 7 customers are on it"
        ),
        "{text}"
    );
    assert_eq!(step_titles(&app).await.len(), 4);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn steps_are_reordered_by_pointer_drag_and_by_keyboard() {
    let (sandbox, app) = App::demo().await;
    app.open("map").await;
    wait_for_titles(
        &app,
        &[
            "First project delivered",
            "Templates in daily use",
            "Sustainable design adopted",
            "Visualisation wins clients",
        ],
    )
    .await;

    // Pointer: drag the first card onto the third.
    let cards = app.all("[data-testid=step-column] .step-title").await;
    let third = app.all("[data-testid=step-column] .step-card").await[2].clone();
    app.drag(&cards[0], &third).await;
    wait_for_titles(
        &app,
        &[
            "Templates in daily use",
            "Sustainable design adopted",
            "First project delivered",
            "Visualisation wins clients",
        ],
    )
    .await;
    app.wait_for_undo("Move step “First project delivered”")
        .await;

    // Keyboard: focus the last step's handle, Space picks it up, two left arrows, Space drops.
    app.keyboard_move(
        "[data-testid=step-handle]",
        3,
        &[Key::Left, Key::Left],
        Key::Space,
    )
    .await;
    wait_for_titles(
        &app,
        &[
            "Templates in daily use",
            "Visualisation wins clients",
            "Sustainable design adopted",
            "First project delivered",
        ],
    )
    .await;
    let live = app
        .texts("#DndLiveRegion-0, [id^=DndLiveRegion]")
        .await
        .join(" ");
    assert!(
        live.contains("dropped at position 2 of 4"),
        "announced: {live:?}"
    );

    // Escape cancels a keyboard move.
    app.keyboard_move("[data-testid=step-handle]", 0, &[Key::Right], Key::Escape)
        .await;
    wait_for_titles(
        &app,
        &[
            "Templates in daily use",
            "Visualisation wins clients",
            "Sustainable design adopted",
            "First project delivered",
        ],
    )
    .await;

    // The order is stored: it survives a restart.
    app.quit().await;
    let app = App::start(sandbox.path(), Launch::default()).await;
    app.open("map").await;
    wait_for_titles(
        &app,
        &[
            "Templates in daily use",
            "Visualisation wins clients",
            "Sustainable design adopted",
            "First project delivered",
        ],
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kpi_with_three_levels_is_checked_saved_and_kept() {
    let (sandbox, app) = App::demo().await;
    app.open("map").await;
    app.all("[data-testid=add-kpi]").await[1]
        .click()
        .await
        .unwrap();
    let dialog = app.wait_for("[data-testid=kpi-dialog]").await;
    let field = |name: &'static str| {
        let dialog = dialog.clone();
        async move {
            dialog
                .find(By::Css(format!("[name={name}]")))
                .await
                .unwrap()
        }
    };
    field("name")
        .await
        .send_keys("Average order value")
        .await
        .unwrap();
    field("unit").await.send_keys("$").await.unwrap();
    field("entryLevel").await.send_keys("50").await.unwrap();
    field("goodLevel").await.send_keys("100").await.unwrap();
    field("bestLevel").await.send_keys("abc").await.unwrap();
    app.click("[data-testid=kpi-save]").await;
    let error = app.wait_for("[data-testid=kpi-dialog] .field-error").await;
    assert_eq!(app.text_of(&error).await, "Best in class must be a number.");
    let best = field("bestLevel").await;
    best.clear().await.unwrap();
    best.send_keys("200").await.unwrap();
    app.click("[data-testid=kpi-save]").await;

    // The second step (children alternate step, move, step …).
    app.wait_for_text(
        "[data-testid=step-column]:nth-child(3) [data-testid=kpi] .kpi-name",
        "Average order value ($)",
    )
    .await;
    let levels = app.texts("[data-testid=kpi]").await;
    assert!(
        levels
            .iter()
            .any(|t| t.starts_with("Average order value ($)") && t.ends_with("50\n100\n200")),
        "{levels:?}"
    );
    app.wait_for_undo("Add KPI “Average order value”").await;
    app.screenshot("kpi").await;
    app.quit().await;

    let app = App::start(sandbox.path(), Launch::default()).await;
    app.open("map").await;
    app.wait_for_text("[data-testid=kpi] .kpi-name", "Average order value ($)")
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vehicle_dragged_from_the_palette_onto_a_move_closes_a_gap() {
    let sandbox = tempfile::tempdir().unwrap();
    let file = sandbox.path().join("vehicles.db");
    let app = App::start(sandbox.path(), Launch::workspace(&file)).await;
    new_map(
        &app,
        "Industrial architect",
        &[
            "Process layout imported",
            "Building designed around the line",
            "Design reused across sites",
        ],
    )
    .await;
    app.wait_for_text("[data-testid=moves-covered]", "0 of 2")
        .await;

    let chip = create_vehicle(&app, "Plant layout workshop").await;

    // Drag the chip with the pointer onto the first move (between steps 1 and 2).
    let moves = app.all("[data-testid=move-column]").await;
    app.drag(&chip, &moves[0]).await;
    app.wait_for_text("[data-testid=moves-covered]", "1 of 2")
        .await;
    assert_eq!(
        app.texts("[data-testid=move-column] .vehicle-name").await,
        ["Plant layout workshop"]
    );
    assert_eq!(
        app.texts("[data-testid=move-column] .gap-marker").await,
        ["Gap"]
    );
    app.wait_for_undo("Attach “Plant layout workshop”").await;
    app.screenshot("vehicles").await;

    // Undo the attachment: the gap is back; redo: covered again.
    app.click("[data-testid=undo]").await;
    app.wait_for_text("[data-testid=moves-covered]", "0 of 2")
        .await;
    app.click("[data-testid=redo]").await;
    app.wait_for_text("[data-testid=moves-covered]", "1 of 2")
        .await;

    // The keyboard way: the chip's menu attaches it to the second move.
    let menu = app.wait_for("[data-testid=attach-menu]").await;
    menu.focus().await.unwrap();
    let option = menu
        .find(By::XPath(".//option[contains(., 'Move: Building designed around the line → Design reused across sites')]"))
        .await
        .unwrap();
    option.click().await.unwrap();
    app.wait_for_text("[data-testid=moves-covered]", "2 of 2")
        .await;

    // Detaching works from the keyboard too: the remove button takes focus and Enter.
    let remove = app
        .wait_for("[data-testid=attached-vehicle] .chip-remove")
        .await;
    remove.focus().await.unwrap();
    app.press(Key::Enter).await;
    app.wait_for_text("[data-testid=moves-covered]", "1 of 2")
        .await;
    app.click("[data-testid=undo]").await;
    app.wait_for_text("[data-testid=moves-covered]", "2 of 2")
        .await;
    app.quit().await;

    let app = App::start(
        sandbox.path(),
        Launch {
            args: vec![format!("--workspace={}", file.display())],
            ..Launch::default()
        },
    )
    .await;
    app.open("map").await;
    app.wait_for_text("[data-testid=moves-covered]", "2 of 2")
        .await;
    app.quit().await;
}

/// The whole scenario in one run: a persona with four steps, one pointer and
/// one keyboard reorder, a KPI, a vehicle dragged onto a move, three undos and one
/// redo, then a restart that shows exactly that state.
#[tokio::test(flavor = "multi_thread")]
async fn a_map_built_edited_undone_and_redone_reopens_exactly_as_left() {
    let sandbox = tempfile::tempdir().unwrap();
    let file = sandbox.path().join("scenario.db");
    let launch = Launch::workspace(&file);
    let app = App::start(sandbox.path(), launch.clone()).await;
    new_map(
        &app,
        "Home architect",
        &[
            "A first project",
            "B templates",
            "C sustainable",
            "D visualisation",
        ],
    )
    .await;

    // Pointer: drag D onto B → A D B C.
    let titles = app.all("[data-testid=step-column] .step-title").await;
    let cards = app.all("[data-testid=step-column] .step-card").await;
    app.drag(&titles[3], &cards[1]).await;
    wait_for_titles(
        &app,
        &[
            "A first project",
            "D visualisation",
            "B templates",
            "C sustainable",
        ],
    )
    .await;
    app.wait_for_undo("Move step “D visualisation”").await;

    // Keyboard: A one to the right → D A B C.
    app.keyboard_move("[data-testid=step-handle]", 0, &[Key::Right], Key::Space)
        .await;
    wait_for_titles(
        &app,
        &[
            "D visualisation",
            "A first project",
            "B templates",
            "C sustainable",
        ],
    )
    .await;
    app.wait_for_undo("Move step “A first project”").await;

    // A KPI with three levels on the first step.
    app.all("[data-testid=add-kpi]").await[0]
        .click()
        .await
        .unwrap();
    let dialog = app.wait_for("[data-testid=kpi-dialog]").await;
    for (name, value) in [
        ("name", "Pitches won"),
        ("unit", "%"),
        ("entryLevel", "30"),
        ("goodLevel", "45"),
        ("bestLevel", "60"),
    ] {
        dialog
            .find(By::Css(format!("[name={name}]")))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    app.click("[data-testid=kpi-save]").await;
    app.wait_for_undo("Add KPI “Pitches won”").await;

    // A vehicle, created in the palette and dragged onto the move D → A.
    app.wait_for_text("[data-testid=moves-covered]", "0 of 3")
        .await;
    let chip = create_vehicle(&app, "Visualisation guide").await;
    let moves = app.all("[data-testid=move-column]").await;
    app.drag(&chip, &moves[0]).await;
    app.wait_for_text("[data-testid=moves-covered]", "1 of 3")
        .await;

    // Undo three edits (attach, create vehicle, add KPI), redo one (the KPI).
    for label in [
        "Undo Attach “Visualisation guide”",
        "Undo Create vehicle “Visualisation guide”",
        "Undo Add KPI “Pitches won”",
    ] {
        app.wait_for_attr("[data-testid=undo]", "aria-label", label)
            .await;
        app.click("[data-testid=undo]").await;
    }
    app.wait_for_attr(
        "[data-testid=redo]",
        "aria-label",
        "Redo Add KPI “Pitches won”",
    )
    .await;
    app.click("[data-testid=redo]").await;
    app.wait_for_undo("Add KPI “Pitches won”").await;
    app.quit().await;

    // The reopened file holds exactly: D A B C, the KPI on D, no vehicle anywhere.
    let app = App::start(sandbox.path(), launch).await;
    app.open("map").await;
    wait_for_titles(
        &app,
        &[
            "D visualisation",
            "A first project",
            "B templates",
            "C sustainable",
        ],
    )
    .await;
    app.wait_for_text(
        "[data-testid=step-column]:nth-child(1) [data-testid=kpi] .kpi-name",
        "Pitches won",
    )
    .await;
    assert_eq!(app.texts("[data-testid=kpi]").await.len(), 1);
    app.wait_for_text("[data-testid=moves-covered]", "0 of 3")
        .await;
    assert!(app.texts("[data-testid=attached-vehicle]").await.is_empty());
    app.click("[data-testid=toggle-palette]").await;
    app.wait_for("[data-testid=vehicle-palette]").await;
    assert!(app.texts("[data-testid=palette-vehicle]").await.is_empty());
    app.quit().await;
}
