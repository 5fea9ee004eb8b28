//! Harness for end-to-end tests of the real, release-built Successmap app.
//!
//! Each test starts its own `tauri-driver` (on free ports) which starts
//! WebKitWebDriver, which starts the app. The app always runs with its XDG data,
//! config and cache directories inside a temporary folder, so a test can never touch
//! the user's real workspace. Run under X (`xvfb-run -a`), one test at a time.
//!
//! Binaries: `SUCCESSMAP_APP` (default `target/release/successmap-app`),
//! `TAURI_DRIVER` (default: `tauri-driver` on PATH or in ~/.cargo/bin),
//! `WEBKIT_WEBDRIVER` (default `/usr/bin/WebKitWebDriver`).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

pub use thirtyfour;

mod processes;
pub use processes::{
    app_pid, cli_binary, press_in_window, process_runs, resize_window, window_size, window_titles,
};
use processes::{apps_under, ask_windows_to_close};

/// How long the harness waits for a state before the test fails, and how often it looks.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("SUCCESSMAP_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/release/successmap-app"));
    assert!(
        path.exists(),
        "the app binary {} is missing: build it with `make app` first",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("tauri-driver"))
                .find(|p| p.exists())
        })
        .unwrap_or_default();
    let in_cargo =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    on_path.or(in_cargo.filter(|p| p.exists())).expect(
        "tauri-driver is not installed: `cargo install tauri-driver --locked` (make test does it)",
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// How to start the app.
#[derive(Default, Clone)]
pub struct Launch {
    /// Command-line arguments after the program name.
    pub args: Vec<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
}

impl Launch {
    /// The app opened on the workspace file `path` (`--workspace PATH`).
    pub fn workspace(path: &Path) -> Launch {
        Launch {
            args: vec!["--workspace".into(), path.display().to_string()],
            ..Launch::default()
        }
    }
}

/// A running app with a WebDriver session on it.
pub struct App {
    pub driver: WebDriver,
    tauri_driver: DriverProcess,
}

/// tauri-driver, stopped when dropped: also when a test panics before or after the
/// session exists, so no driver or app outlives its test.
struct DriverProcess(Child);

impl Drop for DriverProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            stop(&mut self.0);
        }
    }
}

impl App {
    /// Starts the app with its XDG folders under `sandbox` and waits for the frame.
    ///
    /// A start is tried twice: on these machines WebKitWebDriver occasionally fails to
    /// bring up the app's GTK window ("Failed to initialize GTK"), and the second try
    /// then succeeds. A second failure fails the test.
    /// The app on its default workspace (the demo, on first start) in a new sandbox;
    /// the sandbox is removed when the returned folder is dropped.
    pub async fn demo() -> (tempfile::TempDir, App) {
        let sandbox = tempfile::tempdir().expect("a sandbox folder");
        let app = App::start(sandbox.path(), Launch::default()).await;
        (sandbox, app)
    }

    pub async fn start(sandbox: &Path, launch: Launch) -> App {
        for dir in ["data", "config", "cache"] {
            std::fs::create_dir_all(sandbox.join(dir)).expect("sandbox folders");
        }
        match Self::try_start(sandbox, &launch).await {
            Ok(app) => app,
            Err(first) => {
                eprintln!("app start failed once, trying again: {first}");
                tokio::time::sleep(Duration::from_millis(500)).await;
                Self::try_start(sandbox, &launch)
                    .await
                    .unwrap_or_else(|second| {
                        panic!("the app did not start twice: {first}; then {second}")
                    })
            }
        }
    }

    async fn try_start(sandbox: &Path, launch: &Launch) -> Result<App, String> {
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .arg("--native-driver")
            .arg(
                std::env::var_os("WEBKIT_WEBDRIVER")
                    .unwrap_or_else(|| "/usr/bin/WebKitWebDriver".into()),
            )
            .env("XDG_DATA_HOME", sandbox.join("data"))
            .env("XDG_CONFIG_HOME", sandbox.join("config"))
            .env("XDG_CACHE_HOME", sandbox.join("cache"))
            // The sandbox is deleted as the test ends, while WebKit may still be closing.
            .env("MESA_SHADER_CACHE_DISABLE", "true")
            // Without a GPU (as here) the app draws without WebKit's compositing
            // (src-tauri/src/rendering.rs), and then WebKitWebDriver's screenshots never
            // answer: the suite keeps compositing on, and app.rs starts the app once as
            // it chooses by itself.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
            .env_remove("SUCCESSMAP_WORKSPACE")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in &launch.env {
            command.env(key, value);
        }
        let tauri_driver =
            DriverProcess(command.spawn().map_err(|e| format!("tauri-driver: {e}"))?);

        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not listen on port {port}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary(),
                "args": launch.args,
            }),
        );
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .map_err(|e| format!("no WebDriver session on the app: {e}"))?;
        let app = App {
            driver,
            tauri_driver,
        };
        app.driver
            .query(By::Css(
                "[data-testid=status-path], [data-testid=workspace-unavailable], [data-testid=start-screen]",
            ))
            .wait(Duration::from_secs(10), Duration::from_millis(50))
            .first()
            .await
            .map_err(|e| format!("the app's frame did not appear: {e}"))?;
        Ok(app)
    }

    /// Waits (up to 10 s) for an element matching `css` and returns it.
    pub async fn wait_for(&self, css: &str) -> WebElement {
        self.driver
            .query(By::Css(css))
            .wait(Duration::from_secs(10), Duration::from_millis(50))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no element matches {css:?}: {e}"))
    }

    /// Polls `probe` until it answers `Ok`, for up to 10 s, and returns its value; on
    /// time-out the test fails with `what` and the state `probe` last described. The
    /// one way the suite waits: for a state, never for a fixed time.
    pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, String>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            match probe().await {
                Ok(value) => return value,
                Err(state) => assert!(
                    Instant::now() < deadline,
                    "timed out waiting for {what}; last seen: {state}"
                ),
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matching `css` shows exactly `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> WebElement {
        Self::eventually(&format!("{css:?} to show {text:?}"), || async move {
            for element in self.driver.find_all(By::Css(css)).await.unwrap_or_default() {
                if self.text_of(&element).await == text {
                    return Ok(element);
                }
            }
            Err(format!("{:?}", self.texts(css).await))
        })
        .await
    }

    /// Waits until the elements matching `css` show exactly `expected`, in order.
    pub async fn wait_for_texts(&self, css: &str, expected: &[&str]) {
        Self::eventually(&format!("{css:?} to show {expected:?}"), || async move {
            let texts = self.texts(css).await;
            if texts == expected {
                Ok(())
            } else {
                Err(format!("{texts:?}"))
            }
        })
        .await
    }

    /// Opens a view from the sidebar ("map", "customers", "segments") and waits until it
    /// has loaded (`aria-busy` false on the view).
    pub async fn open(&self, view: &str) {
        self.click(&format!("[data-testid=nav-{view}]")).await;
        self.wait_for(&format!(".view-{view}[aria-busy=false]"))
            .await;
    }

    /// Waits until every view on screen has finished loading: none is `aria-busy`.
    pub async fn wait_until_loaded(&self) {
        Self::eventually("the views to finish loading", || async move {
            let busy = self.texts("[aria-busy=true]").await.len();
            let views = self.texts("[aria-busy]").await.len();
            if busy == 0 && views > 0 {
                Ok(())
            } else {
                Err(format!("{busy} of {views} views loading"))
            }
        })
        .await
    }

    /// Types `keys` into whatever has the focus.
    pub async fn press(&self, keys: impl Into<TypingData>) {
        self.driver
            .action_chain()
            .send_keys(keys)
            .perform()
            .await
            .expect("keys");
    }

    /// Presses Ctrl (+ Shift) + `key`.
    pub async fn press_ctrl(&self, key: &str, shift: bool) {
        let mut chain = self.driver.action_chain().key_down(Key::Control);
        if shift {
            chain = chain.key_down(Key::Shift);
        }
        chain = chain.send_keys(key);
        if shift {
            chain = chain.key_up(Key::Shift);
        }
        chain
            .key_up(Key::Control)
            .perform()
            .await
            .expect("shortcut");
    }

    /// What the drag-and-drop live region announced last.
    pub async fn announced(&self) -> String {
        self.texts("[id^=DndLiveRegion]").await.join(" ")
    }

    /// Moves a sortable item from the keyboard as a screen-reader user would: focus its
    /// handle (the `index`th match of `handle_css`), Space to pick it up, each of `keys`
    /// (waiting for the live region to announce each move), then `finish` (Space to
    /// drop, Escape to cancel).
    pub async fn keyboard_move(&self, handle_css: &str, index: usize, keys: &[Key], finish: Key) {
        let handles = self
            .driver
            .find_all(By::Css(handle_css))
            .await
            .expect("handles");
        handles[index].focus().await.expect("focus the handle");
        let before = self.announced().await;
        self.press(" ").await;
        self.wait_for(".is-dragging").await;
        let mut last = Self::eventually("the pick-up to be announced", || async {
            let now = self.announced().await;
            if now != before {
                Ok(now)
            } else {
                Err(now)
            }
        })
        .await;
        for key in keys {
            self.press(key.clone()).await;
            last = Self::eventually("the move to be announced", || {
                let last = last.clone();
                async move {
                    let now = self.announced().await;
                    if now != last {
                        Ok(now)
                    } else {
                        Err(now)
                    }
                }
            })
            .await;
        }
        self.press(finish).await;
        Self::eventually("the drag to end", || async move {
            match self.driver.find_all(By::Css(".is-dragging")).await {
                Ok(found) if found.is_empty() => Ok(()),
                Ok(found) => Err(format!("{} items still dragging", found.len())),
                Err(e) => Err(e.to_string()),
            }
        })
        .await;
    }

    /// Creates a persona with only a name through the Personas screen's form and waits
    /// for it in the sidebar.
    pub async fn create_persona(&self, name: &str) {
        self.wait_for("[data-testid=new-persona]")
            .await
            .click()
            .await
            .expect("new persona");
        let form = self.wait_for("[data-testid=persona-form]").await;
        form.find(By::Css("input[name=name]"))
            .await
            .expect("name field")
            .send_keys(name)
            .await
            .expect("type the name");
        self.wait_for("[data-testid=persona-submit]")
            .await
            .click()
            .await
            .expect("submit");
        self.wait_for_text("[data-testid=sidebar-personas] button", name)
            .await;
    }

    /// Waits until the element matching `css` has attribute `name` equal to `value`.
    pub async fn wait_for_attr(&self, css: &str, name: &str, value: &str) {
        Self::eventually(
            &format!("{css:?} to have {name}={value:?}"),
            || async move {
                let element = self.wait_for(css).await;
                let current = element.attr(name).await.ok().flatten();
                if current.as_deref() == Some(value) {
                    Ok(())
                } else {
                    Err(format!("{name}={current:?}"))
                }
            },
        )
        .await
    }

    /// Drags `from` onto `to` with the mouse as a hand would: press, then a path of
    /// small moves (each lasting the chain's pointer delay, 250 ms) to the target's
    /// centre, then release. Coordinates are taken before the drag starts, because
    /// elements shift while a sortable list rearranges itself under the pointer.
    pub async fn drag(&self, from: &WebElement, to: &WebElement) {
        let a = Self::settled(from).await;
        let b = Self::settled(to).await;
        let (ax, ay) = (a.x + a.width / 2.0, a.y + a.height / 2.0);
        let (bx, by) = (b.x + b.width / 2.0, b.y + b.height / 2.0);
        let mut chain = self
            .driver
            .action_chain()
            .move_to(ax as i64, ay as i64)
            .click_and_hold()
            .move_to(ax as i64 + 6, ay as i64);
        const STEPS: i64 = 6;
        for i in 1..=STEPS {
            let x = ax + (bx - ax) * i as f64 / STEPS as f64;
            let y = ay + (by - ay) * i as f64 / STEPS as f64;
            chain = chain.move_to(x as i64, y as i64);
        }
        chain
            .move_to(bx as i64 + 1, by as i64 + 1)
            .release()
            .perform()
            .await
            .expect("drag and drop");
    }

    /// Where an element is once it has stopped moving (a panel opening or a dialog
    /// closing shifts the layout for a moment): the same rectangle twice, 100 ms apart,
    /// or the last one after 3 s.
    async fn settled(element: &WebElement) -> thirtyfour::ElementRect {
        let deadline = Instant::now() + Duration::from_secs(3);
        let mut last = element.rect().await.expect("element position");
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = element.rect().await.expect("element position");
            let same = (now.x - last.x).abs() < 0.5
                && (now.y - last.y).abs() < 0.5
                && (now.width - last.width).abs() < 0.5
                && (now.height - last.height).abs() < 0.5;
            if same || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    /// Every element matching `css` now (none is not an error).
    pub async fn all(&self, css: &str) -> Vec<WebElement> {
        self.driver
            .find_all(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("cannot look for {css:?}: {e}"))
    }

    /// Replaces the text of the field matching `css`, once it is there, with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("clear the field");
        field.send_keys(text).await.expect("type into the field");
    }

    /// Fills the path field of a save dialog once the path it suggests has arrived:
    /// arriving between clearing and typing, it would be typed after.
    pub async fn fill_save_path(&self, css: &str, path: &str) {
        let field = self.wait_for(css).await;
        Self::eventually("the suggested path", || async {
            match field.prop("value").await {
                Ok(Some(value)) if !value.is_empty() => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
        self.fill(css, path).await;
    }

    /// Waits until the undo button offers to undo `label` ("Add step “Pilot”").
    pub async fn wait_for_undo(&self, label: &str) {
        self.wait_for_attr("[data-testid=undo]", "aria-label", &format!("Undo {label}"))
            .await
    }

    /// Finds the customer called `name` in the Customers view and opens its panel;
    /// returns the panel's placement history.
    pub async fn open_customer(&self, name: &str) -> WebElement {
        self.open("customers").await;
        self.fill("[data-testid=customer-search]", name).await;
        self.wait_for_text(
            "[data-testid=customer-total]",
            "1 customer matches the filters",
        )
        .await;
        self.click("[data-testid=customer-row]").await;
        self.wait_for("[data-testid=customer-history]").await
    }

    /// Waits until `element` shows every one of `parts`; returns its text.
    pub async fn wait_until_shows(&self, element: &WebElement, parts: &[&str]) -> String {
        Self::eventually(&format!("{parts:?} to show"), || async move {
            let text = self.text_of(element).await;
            if parts.iter().all(|p| text.contains(p)) {
                Ok(text)
            } else {
                Err(text)
            }
        })
        .await
    }

    /// Exports through the open export dialog to `path` and waits until it says it
    /// wrote `count` customers there.
    pub async fn export_to(&self, path: &Path, count: impl std::fmt::Display) {
        self.fill_save_path("[data-testid=export-path]", &path.display().to_string())
            .await;
        self.click("[data-testid=export-save]").await;
        self.wait_for_text(
            "[data-testid=export-done]",
            &format!("Exported {count} customers to {}", path.display()),
        )
        .await;
    }

    /// Clicks the first element matching `css`, once it is there.
    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.expect("click");
    }

    /// Chooses an option of a native select by its visible text. WebKitWebDriver cannot
    /// click `<option>`s: the option is selected by index and the change event fired
    /// the way the browser fires it after a keyboard choice.
    pub async fn choose(&self, select: &WebElement, text: &str) {
        let options = select.find_all(By::Css("option")).await.expect("options");
        let mut index = None;
        for (i, option) in options.iter().enumerate() {
            if self.text_of(option).await == text {
                index = Some(i);
            }
        }
        let index = index.unwrap_or_else(|| panic!("no option {text:?}"));
        let arg = select.to_json().expect("select as JSON");
        self.driver
            .execute(
                "const s = arguments[0]; s.selectedIndex = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![arg, serde_json::json!(index)],
            )
            .await
            .expect("choose an option");
    }

    /// Scrolls the page so that `element` is in the middle of the view (vertically).
    pub async fn scroll_to(&self, element: &WebElement) {
        let arg = element.to_json().expect("element as JSON");
        self.driver
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
                vec![arg],
            )
            .await
            .expect("scroll into view");
    }

    /// The rendered text of an element (`innerText`, trimmed): what a person sees.
    ///
    /// WebKitWebDriver's own "get element text" answers "" for some visible elements
    /// (buttons holding flex children), so the page is asked directly.
    pub async fn text_of(&self, element: &WebElement) -> String {
        let arg = element.to_json().expect("element as JSON");
        let value = self
            .driver
            .execute("return arguments[0].innerText.trim();", vec![arg])
            .await
            .expect("innerText");
        value.json().as_str().unwrap_or_default().to_string()
    }

    /// The rendered texts of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let value = self
            .driver
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText.trim());",
                vec![serde_json::Value::String(css.to_string())],
            )
            .await
            .expect("texts");
        value
            .json()
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a screenshot under tests/artifacts/ (kept out of git) for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = repo_root().join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts folder");
        // Let the page paint what the DOM already holds (two animation frames).
        self.driver
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .expect("animation frames");
        self.driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await
            .expect("screenshot");
    }

    /// Closes the app's window as a user does (the window manager's close button sends
    /// WM_DELETE_WINDOW; WebDriver's "close window" would end the process instead), and
    /// waits until the app has ended (its process on `workspace` is gone).
    pub async fn close_window(self, workspace: &Path) {
        let pid = app_pid(workspace).expect("the app runs on its workspace");
        ask_windows_to_close(pid).expect("the close request was sent");
        Self::eventually("the app to end after its window closed", || async {
            if process_runs(pid) {
                Err(format!("process {pid} still runs"))
            } else {
                Ok(())
            }
        })
        .await;
        let _ = self.driver.clone().quit().await;
        drop(self.tauri_driver);
    }

    /// Ends the session (which closes the app) and stops tauri-driver politely.
    /// Ends the session and waits until the app has ended: an app still closing would
    /// take the next start on the same workspace for a second launch and hand it over.
    pub async fn quit(self) {
        let apps = apps_under(self.tauri_driver.0.id());
        let _ = self.driver.clone().quit().await;
        drop(self.tauri_driver);
        let deadline = Instant::now() + WAIT;
        while apps.iter().any(|&pid| process_runs(pid)) && Instant::now() < deadline {
            tokio::time::sleep(POLL).await;
        }
    }
}

/// SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would leave it running).
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}
