#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Kill -9 of the app during a series of edits and undos: after every kill the file
//! passes SQLite's integrity check, its kept segment table equals a fresh count, and
//! every edit (and undo) the app had shown as done is in it. `make test` runs 10 kills;
//! `SUCCESSMAP_APP_CRASH_RUNS=100 bench/app-crash.sh` runs the long version.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use successmap_e2e::thirtyfour::Key;
use successmap_e2e::{app_pid, App, Launch};

struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

fn personas_in(conn: &rusqlite::Connection) -> Vec<String> {
    let mut statement = conn
        .prepare("SELECT name FROM persona ORDER BY name")
        .unwrap();
    let rows = statement.query_map([], |r| r.get(0)).unwrap();
    rows.map(|r| r.unwrap()).collect()
}

fn check_whole(path: &Path, run: u64) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "run {run}");
    let differing = successmap_core::db::segment_cells::differences(&conn).unwrap();
    assert_eq!(differing, 0, "run {run}");
    conn
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_killed_during_edits_and_undos_keeps_every_edit_it_showed() {
    let runs: u64 = std::env::var("SUCCESSMAP_APP_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("app crash test: {runs} kills, seed {seed}");
    let mut random = Random(seed);
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    // The personas the app showed as created (and not undone) so far.
    let mut shown: Vec<String> = Vec::new();
    let mut landed = 0;
    for run in 0..runs {
        let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
        app.wait_until_loaded().await;
        // A few edits, each waited for, with an undo now and then.
        for step in 0..=random.below(3) {
            let name = format!("Persona {run}-{step}");
            app.create_persona(&name).await;
            app.wait_for_undo(&format!("Create persona “{name}”")).await;
            shown.push(name);
            if random.below(3) == 0 {
                app.press_ctrl("z", false).await;
                let undone = shown.pop().unwrap();
                app.wait_for_attr(
                    "[data-testid=redo]",
                    "aria-label",
                    &format!("Redo Create persona “{undone}”"),
                )
                .await;
            }
        }
        // One more edit, not waited for, and the kill at a random moment around it: the
        // kill is timed from just before the key press that submits the form, so that it
        // falls before the edit arrives, while it is written, or after.
        let last = format!("Persona {run}-last");
        let pid = app_pid(&path).expect("the app runs");
        app.click("[data-testid=new-persona]").await;
        app.fill("[data-testid=persona-form] input[name=name]", &last)
            .await;
        let name = app
            .wait_for("[data-testid=persona-form] input[name=name]")
            .await;
        let delay = Duration::from_millis(random.below(60));
        let killer = std::thread::spawn(move || {
            std::thread::sleep(delay);
            Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap();
        });
        // The app may be gone before WebDriver answers.
        let _ = name.send_keys(Key::Enter).await;
        killer.join().unwrap();
        app.quit().await;

        let conn = check_whole(&path, run);
        let present = personas_in(&conn);
        // The last edit may or may not have been saved when the kill came; all others
        // the app showed must be there, and nothing else.
        if present.contains(&last) {
            shown.push(last);
            landed += 1;
        }
        let mut expected = shown.clone();
        expected.sort();
        assert_eq!(present, expected, "run {run}");
    }
    eprintln!(
        "app crash test: {runs} kills; the file was whole after each; the edit in flight was saved in {landed} and absent in {}",
        runs - landed
    );
}
