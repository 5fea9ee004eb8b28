#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Personas in the real app: deleting one asks what happens to its customers, and
//! the delete can be undone.

use successmap_e2e::thirtyfour::prelude::*;
use successmap_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn deleting_a_persona_moves_its_customers_where_the_user_says_and_undo_restores_it() {
    let (_sandbox, app) = App::demo().await;
    app.wait_for("[data-testid=persona-card]").await;
    let cards = app.all("[data-testid=persona-card]").await;
    cards[2]
        .find(By::XPath(".//button[normalize-space()='Delete']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    let dialog = app.wait_for("[data-testid=delete-persona-dialog]").await;
    let text = app.text_of(&dialog).await;
    assert!(
        text.contains("Industrial architect has 10 customers."),
        "{text}"
    );
    // The first other persona is proposed; the arrow key picks the next one.
    let chosen = || async {
        let value = app
            .driver
            .execute(
                "return document.querySelector('[data-testid=move-customers-to]').selectedOptions[0].textContent",
                vec![],
            )
            .await
            .unwrap();
        value.json().as_str().unwrap_or_default().to_string()
    };
    assert_eq!(chosen().await, "Home architect");
    let select = app.wait_for("[data-testid=move-customers-to]").await;
    select.focus().await.unwrap();
    app.driver
        .action_chain()
        .send_keys(Key::Down)
        .perform()
        .await
        .unwrap();
    assert_eq!(chosen().await, "Large-building architect");
    app.click("[data-testid=confirm-delete-persona]").await;

    app.wait_for_undo("Delete persona “Industrial architect”")
        .await;
    assert_eq!(
        app.texts("[data-testid=sidebar-personas] button").await,
        ["Home architect", "Large-building architect"]
    );
    // Large-building architect had 12 customers; the 10 moved ones arrive unplaced.
    let figures = app
        .texts("[data-testid=persona-card] .persona-figures")
        .await;
    assert!(figures[1].contains("22"), "{figures:?}");
    assert_eq!(
        app.texts("[data-testid=status-line-customers]").await,
        ["36 customers"]
    );

    app.click("[data-testid=undo]").await;
    app.wait_for_text(
        "[data-testid=sidebar-personas] button",
        "Industrial architect",
    )
    .await;
    let figures = app
        .texts("[data-testid=persona-card] .persona-figures")
        .await;
    assert!(
        figures[1].contains("12") && figures[2].contains("10"),
        "{figures:?}"
    );
    app.quit().await;
}
