#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The CS leader's first day in the real app: a CRM export with one bad row goes
//! through the import wizard into an empty workspace (personas and steps created from
//! the file), the counts show on the map, one customer is dragged to another step and
//! another one gets a target, and after a restart all of it, and the history, is there.
//! A second test chooses the encoding of a file the detector is not sure about.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::{App, Launch};

const CSV: &str = "Record ID,Company name,Persona,Lifecycle Stage,Target,Annual Revenue\r\n\
R-1,Acme Homes,Ops Lead,Pilot,Scale,\"12,000\"\r\n\
R-2,Birch & Co,Ops Lead,Pilot,Rollout,8000\r\n\
R-3,<img src=x onerror=alert(1)>,Ops Lead,Rollout,Scale,5000\r\n\
R-4,Bad Money Ltd,Ops Lead,Scale,,lots\r\n\
R-5,Cedar Works,Ops Lead,Scale,,3000\r\n";

async fn wait_for_counts(app: &App, expected: &[&str]) {
    App::eventually("step counts", || async {
        let counts = app.texts("[data-testid=band-count]").await;
        if counts == expected {
            Ok(())
        } else {
            Err(format!("{counts:?}"))
        }
    })
    .await;
}

async fn band(app: &App, index: usize) -> WebElement {
    app.all("[data-testid=customer-band]").await.remove(index)
}

async fn chip_named(app: &App, name: &str) -> WebElement {
    for chip in app.all("[data-testid=customer-chip]").await {
        let label = chip.find(By::Css(".chip-name")).await.unwrap();
        if app.text_of(&label).await == name {
            return chip;
        }
    }
    panic!("no chip for {name}");
}

async fn target_of(app: &App, name: &str) -> String {
    let chip = chip_named(app, name).await;
    let marker = chip
        .find(By::Css("[data-testid=chip-target]"))
        .await
        .unwrap();
    app.text_of(&marker).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crm_export_is_imported_through_the_wizard_placed_on_the_map_and_kept() {
    let sandbox = tempfile::tempdir().unwrap();
    let workspace = sandbox.path().join("accounts.db");
    let csv = sandbox.path().join("crm export.csv");
    std::fs::write(&csv, CSV).unwrap();
    let launch = || Launch::workspace(&workspace);
    let app = App::start(sandbox.path(), launch()).await;

    // The wizard: file, detected columns, the report with the bad row, the import.
    app.open("customers").await;
    app.click("[data-testid=open-import]").await;
    app.wait_for("[data-testid=import-path]")
        .await
        .send_keys(csv.display().to_string())
        .await
        .unwrap();
    app.click("[data-testid=import-read]").await;
    let detected = app.wait_for("[data-testid=import-detected]").await;
    assert_eq!(
        app.text_of(&detected).await,
        "CSV · UTF-8 · comma-separated · 6 columns"
    );
    app.screenshot("import-columns").await;
    app.click("[data-testid=create-missing]").await;
    app.click("[data-testid=import-check]").await;
    app.wait_for_text(
        "[data-testid=import-summary]",
        "5 rows read · 4 valid · 1 with problems",
    )
    .await;
    let problems = app.texts("[data-testid=import-problems] tbody tr").await;
    assert_eq!(
        problems,
        ["5\tAnnual Revenue\tARR \"lots\" is not an amount"]
    );
    // What the import will do, per persona, before it runs.
    assert_eq!(
        app.texts("[data-testid=import-changes] tbody tr").await,
        ["Ops Lead\t4\t0\t0\t0"]
    );
    app.screenshot("import-report").await;
    app.click("[data-testid=import-run]").await;
    app.wait_for_text(
        "[data-testid=import-done]",
        "Imported: 4 new customers, 1 row left out.",
    )
    .await;
    app.click("[data-testid=import-close]").await;
    app.wait_for_text("[data-testid=customer-total]", "4 customers")
        .await;
    // Text from the file is shown as text, never run.
    let names = app.texts("[data-testid=customer-row] .cell-name").await;
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("<img src=x onerror=alert(1)>")),
        "{names:?}"
    );
    let images = app
        .driver
        .execute(
            "return document.querySelectorAll('main img').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(images.json().as_i64(), Some(0));

    // The map built from the file: Pilot, Scale, Rollout in order of first appearance.
    app.open("map").await;
    wait_for_counts(&app, &["2 customers", "1 customer", "1 customer"]).await;
    assert_eq!(
        app.texts("[data-testid=step-column] .step-title").await,
        ["Pilot", "Scale", "Rollout"]
    );

    // Acme Homes dragged from Pilot to Rollout; Birch & Co's target marker onto Scale.
    let acme = chip_named(&app, "Acme Homes").await;
    let rollout = band(&app, 2).await;
    app.scroll_to(&rollout).await;
    app.drag(&acme.find(By::Css(".chip-name")).await.unwrap(), &rollout)
        .await;
    wait_for_counts(&app, &["1 customer", "1 customer", "2 customers"]).await;
    assert_eq!(target_of(&app, "Birch & Co").await, "→ 3");
    let marker = chip_named(&app, "Birch & Co")
        .await
        .find(By::Css("[data-testid=chip-target]"))
        .await
        .unwrap();
    let scale = band(&app, 1).await;
    app.drag(&marker, &scale).await;
    App::eventually("Birch & Co's target", || async {
        let target = target_of(&app, "Birch & Co").await;
        if target == "→ 2" {
            Ok(())
        } else {
            Err(target)
        }
    })
    .await;
    app.quit().await;

    // After a restart: the same map, and the history of Acme Homes.
    let app = App::start(sandbox.path(), launch()).await;
    app.open("map").await;
    wait_for_counts(&app, &["1 customer", "1 customer", "2 customers"]).await;
    assert_eq!(target_of(&app, "Birch & Co").await, "→ 2");
    app.open("customers").await;
    app.wait_for("[data-testid=customer-search]")
        .await
        .send_keys("Acme")
        .await
        .unwrap();
    app.wait_for_text(
        "[data-testid=customer-total]",
        "1 customer matches the filters",
    )
    .await;
    app.click("[data-testid=customer-row]").await;
    let history = app.wait_for("[data-testid=customer-history]").await;
    App::eventually("Acme's history", || async {
        let text = app.text_of(&history).await;
        let entries: Vec<&str> = text.lines().collect();
        if text.contains("Dragged on the map")
            && text.contains("Current: Pilot → Rollout")
            && text.contains("Imported")
            && text.contains("Current: none → Pilot")
        {
            assert!(
                text.find("Dragged on the map") < text.find("Imported"),
                "newest first: {entries:?}"
            );
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
    app.screenshot("import-history").await;
    app.quit().await;
}

/// A Baltic export in Windows-1257, with too few letters beyond ASCII for the detector
/// to be sure: the user chooses the encoding in the wizard, the preview shows the names
/// right at once, and they are imported that way.
#[tokio::test(flavor = "multi_thread")]
async fn the_encoding_is_chosen_in_the_wizard_and_the_preview_follows() {
    let sandbox = tempfile::tempdir().unwrap();
    let workspace = sandbox.path().join("baltic.successmap");
    let csv = sandbox.path().join("klientai.csv");
    // "Żółć Spółka" and "Šiaulių Ūkis", as Windows-1257 writes them.
    let mut bytes = b"name,persona\r\n".to_vec();
    bytes.extend(b"\xdd\xf3\xf9\xe3 Sp\xf3\xf9ka,Ops Lead\r\n\xd0iauli\xf8 \xdbkis,Ops Lead\r\n");
    std::fs::write(&csv, bytes).unwrap();
    let app = App::start(sandbox.path(), Launch::workspace(&workspace)).await;

    app.open("customers").await;
    app.click("[data-testid=open-import]").await;
    app.wait_for("[data-testid=import-path]")
        .await
        .send_keys(csv.display().to_string())
        .await
        .unwrap();
    app.click("[data-testid=import-read]").await;
    app.wait_for("[data-testid=import-encoding-unsure]").await;
    let select = app.wait_for("[data-testid=import-encoding]").await;
    app.choose(&select, "windows-1257 (Baltic)").await;
    app.wait_for_text(".mapping-table tbody tr:first-child td", "Żółć Spółka")
        .await;
    let detected = app.wait_for("[data-testid=import-detected]").await;
    App::eventually("the chosen encoding described", || async {
        let text = app.text_of(&detected).await;
        if text.starts_with("CSV · windows-1257 (Baltic)") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
    app.screenshot("import-encoding-chosen").await;
    app.click("[data-testid=create-missing]").await;
    app.click("[data-testid=import-check]").await;
    app.wait_for_text("[data-testid=import-summary]", "2 rows read · 2 valid")
        .await;
    app.click("[data-testid=import-run]").await;
    app.wait_for("[data-testid=import-done]").await;
    app.click("[data-testid=import-close]").await;
    app.wait_for_text("[data-testid=customer-total]", "2 customers")
        .await;
    let mut names = app.texts("[data-testid=customer-row] .cell-name").await;
    names.sort();
    assert_eq!(names, ["Šiaulių Ūkis", "Żółć Spółka"]);
}

/// A CRM's lifecycle stage history, through the wizard, into the history of customers
/// imported before: the CRM's "customer" stage is chosen to be the map's first step,
/// "lead" is left out, and the customer's history shows the moves with their dates.
#[tokio::test(flavor = "multi_thread")]
async fn a_stage_history_is_imported_through_the_wizard_with_its_dates() {
    let sandbox = tempfile::tempdir().unwrap();
    let workspace = sandbox.path().join("history.successmap");
    let customers = sandbox.path().join("customers.csv");
    std::fs::write(
        &customers,
        "Record ID,Company name,Persona,Lifecycle Stage\r\nR-1,Acme Homes,Ops Lead,Pilot\r\n\
         R-2,Birch & Co,Ops Lead,Rollout\r\n",
    )
    .unwrap();
    let out = std::process::Command::new(successmap_e2e::cli_binary())
        .arg("--workspace")
        .arg(&workspace)
        .args([
            "import",
            "customers",
            customers.to_str().unwrap(),
            "--create-missing",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let history = sandbox.path().join("lifecycle history.csv");
    std::fs::write(
        &history,
        "Record ID,Lifecycle Stage,Date entered\r\nR-1,lead,2025-01-10\r\nR-1,customer,2025-03-01\r\n\
         R-2,customer,2025-02-01\r\nR-2,Rollout,2025-08-15 10:30\r\n",
    )
    .unwrap();
    let app = App::start(sandbox.path(), Launch::workspace(&workspace)).await;
    app.open("customers").await;
    app.click("[data-testid=open-import]").await;
    app.click("[data-testid=import-kind-history]").await;
    app.wait_for("[data-testid=import-path]")
        .await
        .send_keys(history.display().to_string())
        .await
        .unwrap();
    app.click("[data-testid=import-read]").await;
    app.wait_for("[data-testid=history-mapping-select]").await;
    app.click("[data-testid=import-check]").await;
    app.wait_for_text(
        "[data-testid=import-summary]",
        "4 rows read · 1 valid · 3 left out",
    )
    .await;
    let customer_stage = app
        .all("[data-testid=history-stage-select]")
        .await
        .into_iter()
        .next()
        .unwrap();
    app.choose(&customer_stage, "Pilot").await;
    app.wait_for_text(
        "[data-testid=import-summary]",
        "4 rows read · 3 valid · 1 left out",
    )
    .await;
    app.screenshot("import-history-stages").await;
    app.click("[data-testid=import-run]").await;
    app.wait_for_text(
        "[data-testid=import-done]",
        "Imported: 3 step changes in the history of 2 customers.",
    )
    .await;
    app.click("[data-testid=import-close]").await;
    let timeline = app.open_customer("Birch & Co").await;
    let text = app
        .wait_until_shows(
            &timeline,
            &["Current: none → Pilot", "Current: Pilot → Rollout"],
        )
        .await;
    assert!(text.contains("2025"), "{text}");
}
