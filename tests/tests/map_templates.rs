#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Map templates in the real app: a persona's map saved as a template file, and a new
//! persona made from a built-in template.

use successmap_e2e::{App, Launch};

#[tokio::test(flavor = "multi_thread")]
async fn a_map_is_saved_as_a_template_and_a_persona_is_made_from_the_gallery() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.wait_for("[data-testid=personas-empty]").await;

    // From the gallery: the B2B SaaS map, under another name.
    app.click("[data-testid=new-from-template]").await;
    app.wait_for_text(
        "[data-testid=template-item] .template-name",
        "B2B SaaS team admin",
    )
    .await;
    let items = app.all("[data-testid=template-item]").await;
    assert_eq!(items.len(), 4, "three demo maps and the B2B SaaS map");
    items[3].click().await.unwrap();
    app.fill("[data-testid=template-name]", "Team admin").await;
    app.screenshot("template-gallery").await;
    app.click("[data-testid=template-create]").await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Team admin")
        .await;
    app.open("map").await;
    app.wait_for_texts(
        "[data-testid=step-column] .step-title",
        &["Onboarded", "Adopted", "Expanded"],
    )
    .await;

    // The map as a template file, from the versions dialog.
    app.click("[data-testid=open-versions]").await;
    app.click("[data-testid=open-template-export]").await;
    let file = sandbox.path().join("admin.successmap-map.json");
    app.fill_save_path(
        "[data-testid=template-export-path]",
        &file.display().to_string(),
    )
    .await;
    app.click("[data-testid=template-export-save]").await;
    app.wait_for("[data-testid=template-export-done]").await;
    let template = successmap_core::reads::read_map_template(&file).unwrap();
    assert_eq!(template.persona.name, "Team admin");
    assert_eq!(
        template
            .map
            .steps
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        ["Onboarded", "Adopted", "Expanded"]
    );
    app.quit().await;
}
