#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Customers on the map and in the list, in the real app: a chip dragged to another
//! step, its target marker dragged onto a step, the chip menu from the keyboard, the
//! list filtered from "+N more", a customer's history, a bulk move, and an export.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::App;

/// "7 customers" → 7.
fn count(text: &str) -> u32 {
    text.split_whitespace().next().unwrap().parse().unwrap()
}

async fn band_counts(app: &App) -> Vec<u32> {
    app.texts("[data-testid=band-count]")
        .await
        .iter()
        .map(|t| count(t))
        .collect()
}

async fn wait_for_counts(app: &App, expected: &[u32]) {
    App::eventually(&format!("step counts {expected:?}"), || async {
        let counts = band_counts(app).await;
        if counts == expected {
            Ok(())
        } else {
            Err(format!("{counts:?}"))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_are_placed_on_the_map_by_drag_and_menu_and_their_history_shows_it() {
    let (_sandbox, app) = App::demo().await;
    app.open("map").await;
    app.wait_for("[data-testid=customer-chip]").await;
    app.wait_until_loaded().await;
    let before = band_counts(&app).await;
    assert!(before.len() >= 3, "{before:?}");
    let from = before.iter().position(|&c| c > 0).unwrap();
    let to = (from + 1) % before.len();

    // Drag the largest customer of step `from` onto step `to`.
    let bands = app.all("[data-testid=customer-band]").await;
    let chip = bands[from]
        .find(By::Css("[data-testid=customer-chip] .chip-name"))
        .await
        .unwrap();
    app.scroll_to(&bands[from]).await;
    app.drag(&chip, &bands[to]).await;
    let mut expected = before.clone();
    expected[from] -= 1;
    expected[to] += 1;
    wait_for_counts(&app, &expected).await;
    // The target marker of the largest customer on step `to` dragged onto the first
    // step makes that its target.
    let bands = app.all("[data-testid=customer-band]").await;
    let moved = bands[to]
        .find(By::Css("[data-testid=customer-chip]"))
        .await
        .unwrap();
    let name = app
        .text_of(&moved.find(By::Css(".chip-name")).await.unwrap())
        .await;
    let marker = moved
        .find(By::Css("[data-testid=chip-target]"))
        .await
        .unwrap();
    app.scroll_to(&bands[0]).await;
    app.drag(&marker, &bands[0]).await;
    App::eventually(&format!("the target of {name} to be step 1"), || async {
        let targets = app.texts("[data-testid=chip-target]").await;
        let names = app.texts("[data-testid=customer-chip] .chip-name").await;
        let at = names.iter().position(|n| n == &name);
        if at.is_some_and(|i| targets[i] == "→ 1") {
            Ok(())
        } else {
            Err(format!("{names:?} {targets:?}"))
        }
    })
    .await;

    let undo = app.wait_for("[data-testid=undo]").await;
    let label = undo.attr("aria-label").await.unwrap().unwrap();
    assert!(
        label.starts_with(&format!("Undo Set target of “{name}” to")),
        "{label}"
    );
    app.screenshot("map-customers").await;

    // The chip menu moves it from the keyboard: back to the step it came from.
    let menus = app.all("[data-testid=customer-chip]").await;
    for chip in menus {
        if app.text_of(&chip).await.starts_with(&name) {
            let button = chip.find(By::Css("[data-testid=chip-menu]")).await.unwrap();
            button.send_keys(" ").await.unwrap();
            break;
        }
    }
    let menu = app.wait_for("[role=menu]").await;
    let items = menu.find_all(By::Css("[role=menuitem]")).await.unwrap();
    let back = &items[from];
    back.send_keys("\u{E007}").await.unwrap(); // Enter
    wait_for_counts(&app, &before).await;

    // "+N more" (or the step filter) opens the list of that step; the customer's
    // history shows the drag, the target and the menu move.
    let history = app.open_customer(&name).await;
    let text = app
        .wait_until_shows(&history, &["Edited", "Dragged on the map"])
        .await;
    assert!(text.contains("Target:"), "{text}");
    assert!(text.contains("→ First project delivered"), "{text}");
    app.screenshot("customer-detail").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn several_customers_move_in_one_edit_and_the_list_exports_to_csv() {
    let (sandbox, app) = App::demo().await;
    app.open("customers").await;
    app.wait_for_text("[data-testid=customer-total]", "36 customers")
        .await;

    // Only the Home architects, then two of them selected and moved to step 4.
    app.choose(
        &app.wait_for("[data-testid=filter-persona]").await,
        "Home architect",
    )
    .await;
    let total = app.wait_for("[data-testid=customer-total]").await;
    let home = App::eventually("the Home architects' count", || async {
        let text = app.text_of(&total).await;
        if text.ends_with("match the filters") {
            Ok(count(&text))
        } else {
            Err(text)
        }
    })
    .await;
    let boxes = app
        .all("[data-testid=customer-row] input[type=checkbox]")
        .await;
    boxes[0].click().await.unwrap();
    boxes[1].click().await.unwrap();
    app.wait_for_text("[data-testid=bulk-bar] strong", "2 customers selected")
        .await;
    app.choose(
        &app.wait_for("[data-testid=bulk-move]").await,
        "4. Visualisation wins clients",
    )
    .await;
    app.wait_for_undo("Move 2 customers to “Visualisation wins clients”")
        .await;
    app.choose(
        &app.wait_for("[data-testid=filter-step]").await,
        "4. Visualisation wins clients",
    )
    .await;
    let on_four = App::eventually("the count on step 4", || async {
        let text = app.text_of(&total).await;
        if text.ends_with("match the filters") && !text.starts_with(&home.to_string()) {
            Ok(count(&text))
        } else {
            Err(text)
        }
    })
    .await;
    assert!(on_four >= 2, "{on_four}");

    // Export what the filters show.
    app.click("[data-testid=open-export]").await;
    let path = sandbox.path().join("step four.csv");
    app.export_to(&path, on_four).await;
    let csv = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "external_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,renewal_date,notes"
    );
    assert_eq!(lines.len() as u32, on_four + 1);
    assert!(lines[1..]
        .iter()
        .all(|l| l.contains(",Home architect,Visualisation wins clients,")));
    app.screenshot("customers-export").await;

    // The same name again: the dialog asks before replacing the file.
    std::fs::write(&path, "an older export").unwrap();
    app.fill_save_path("[data-testid=export-path]", &path.display().to_string())
        .await;
    app.click("[data-testid=export-save]").await;
    app.wait_for_text(
        "[data-testid=export-exists]",
        &format!(
            "{} already exists. Replace it with this export, or change the name.",
            path.display()
        ),
    )
    .await;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "an older export");
    app.wait_for_text("[data-testid=export-save]", "Replace")
        .await;
    app.screenshot("customers-export-replace").await;
    app.click("[data-testid=export-save]").await;
    app.wait_for_text(
        "[data-testid=export-done]",
        &format!("Exported {on_four} customers to {}", path.display()),
    )
    .await;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);

    // The open workspace is never an export target.
    let workspace = app
        .text_of(&app.wait_for("[data-testid=status-path]").await)
        .await;
    app.fill_save_path("[data-testid=export-path]", &workspace)
        .await;
    app.click("[data-testid=export-save]").await;
    app.wait_for_text(
        ".field-error",
        &format!(
            "{workspace} is the open workspace (or one of its own files); writing there would \
             destroy it, so choose another file"
        ),
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_is_added_edited_and_deleted_through_its_dialog_and_undone() {
    let (_sandbox, app) = App::demo().await;
    app.open("customers").await;
    app.wait_for_text("[data-testid=customer-total]", "36 customers")
        .await;

    // Add: name, external id, persona, its steps, figures.
    app.click("[data-testid=add-customer]").await;
    let dialog = app.wait_for("[data-testid=customer-dialog]").await;
    let field = |name: &'static str| {
        let dialog = dialog.clone();
        async move {
            dialog
                .find(By::Css(format!("[name={name}]")))
                .await
                .unwrap()
        }
    };
    field("name").await.send_keys("Studio Lumen").await.unwrap();
    field("externalId")
        .await
        .send_keys("ACC-9999")
        .await
        .unwrap();
    app.choose(&field("personaId").await, "Home architect")
        .await;
    app.choose(&field("currentStepId").await, "2. Templates in daily use")
        .await;
    app.choose(
        &field("targetStepId").await,
        "3. Sustainable design adopted",
    )
    .await;
    field("arr").await.send_keys("1200").await.unwrap();
    field("nps").await.send_keys("45").await.unwrap();
    app.click("[data-testid=customer-save]").await;
    app.wait_for_undo("Add customer “Studio Lumen”").await;
    app.wait_for_text("[data-testid=customer-total]", "37 customers")
        .await;

    // Edit: a value that is not a number is explained and nothing is lost; then saved.
    // Search folds case and accents: "stúdio LUMEN" finds "Studio Lumen".
    let search = app.wait_for("[data-testid=customer-search]").await;
    search.send_keys("stúdio LUMEN").await.unwrap();
    app.wait_for_text(
        "[data-testid=customer-total]",
        "1 customer matches the filters",
    )
    .await;
    app.click("[data-testid=customer-row]").await;
    let panel = app.wait_for("[data-testid=customer-panel]").await;
    let select = panel
        .find(By::Css("[data-testid=panel-current]"))
        .await
        .unwrap();
    let current = app
        .driver
        .execute(
            "const s = arguments[0]; return s.options[s.selectedIndex].text;",
            vec![select.to_json().unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(
        current.json().as_str(),
        Some("2. Templates in daily use"),
        "placed where the dialog said"
    );
    app.click("[data-testid=customer-edit]").await;
    let dialog = app.wait_for("[data-testid=customer-dialog]").await;
    let name = dialog.find(By::Css("[name=name]")).await.unwrap();
    name.send_keys(" GmbH").await.unwrap();
    let arr = dialog.find(By::Css("[name=arr]")).await.unwrap();
    arr.clear().await.unwrap();
    arr.send_keys("lots").await.unwrap();
    app.click("[data-testid=customer-save]").await;
    app.wait_for_text(
        "[data-testid=customer-dialog] .field-error",
        "ARR must be a number",
    )
    .await;
    arr.clear().await.unwrap();
    arr.send_keys("2400").await.unwrap();
    app.click("[data-testid=customer-save]").await;
    app.wait_for_undo("Edit customer “Studio Lumen GmbH”").await;
    app.wait_for_text("#customer-panel-title", "Studio Lumen GmbH")
        .await;

    // Delete, with its confirmation; undo brings the customer back.
    app.click("[data-testid=customer-delete]").await;
    app.click("[data-testid=customer-delete-confirm]").await;
    app.wait_for_text(
        "[data-testid=customer-total]",
        "0 customers match the filters",
    )
    .await;
    app.click("[data-testid=undo]").await;
    app.wait_for_text(
        "[data-testid=customer-total]",
        "1 customer matches the filters",
    )
    .await;
    app.quit().await;
}
