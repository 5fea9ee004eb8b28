#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! With a dark system theme the app is dark: the page background and text swap, on
//! the map with its customers and in the customer list (screenshots for people).

use successmap_e2e::{App, Launch};

/// Relative luminance (0 black … 1 white) of a computed CSS colour `rgb(r, g, b)`.
fn luminance(css: &str) -> f64 {
    let parts: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|p| p.trim().parse::<f64>().unwrap() / 255.0)
        .collect();
    0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]
}

async fn colours(app: &App, css: &str) -> (f64, f64) {
    let value = app
        .driver
        .execute(
            "const s = getComputedStyle(document.querySelector(arguments[0])); return [s.backgroundColor, s.color];",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    let pair = value.json().as_array().unwrap().clone();
    (
        luminance(pair[0].as_str().unwrap()),
        luminance(pair[1].as_str().unwrap()),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dark_system_theme_makes_the_app_dark() {
    let sandbox = tempfile::tempdir().unwrap();
    let app = App::start(
        sandbox.path(),
        Launch {
            env: vec![("GTK_THEME".into(), "Adwaita:dark".into())],
            ..Launch::default()
        },
    )
    .await;
    app.open("map").await;
    app.wait_for("[data-testid=customer-chip]").await;
    let (background, text) = colours(&app, "body").await;
    assert!(background < 0.1, "dark background: {background}");
    assert!(text > 0.6, "light text: {text}");
    let (chip, _) = colours(&app, "[data-testid=customer-chip]").await;
    assert!(chip < 0.2, "chips follow the theme: {chip}");
    app.screenshot("map-customers-dark").await;
    app.open("customers").await;
    app.wait_for("[data-testid=customer-row]").await;
    let (row, _) = colours(&app, ".clist").await;
    assert!(row < 0.2, "the list follows the theme: {row}");
    app.screenshot("customers-dark").await;

    // The charts take their colours from the theme too: dark quadrant buttons, and
    // axis labels drawn in the theme's (light) secondary text colour.
    app.open("segments").await;
    app.click("[data-testid=tab-satisfaction]").await;
    app.wait_for("[data-testid=satisfaction-chart] svg").await;
    let (quadrant, _) = colours(&app, "[data-testid=quadrant-neither]").await;
    assert!(quadrant < 0.2, "quadrants follow the theme: {quadrant}");
    let label = app
        .driver
        .execute(
            "const t = document.querySelector('[data-testid=satisfaction-chart] svg text'); return t.getAttribute('fill') || getComputedStyle(t).fill;",
            vec![],
        )
        .await
        .unwrap();
    let fill = label.json().as_str().unwrap_or_default().to_string();
    let light = if fill.starts_with('#') && fill.len() == 7 {
        let channel = |i: usize| u8::from_str_radix(&fill[i..i + 2], 16).unwrap() as f64 / 255.0;
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    } else {
        luminance(&fill)
    };
    assert!(light > 0.4, "chart text is light on dark: {fill}");
    app.screenshot("segments-satisfaction-dark").await;
    app.quit().await;
}
