//! Successmap core: the domain model, its storage in one SQLite file, and the use
//! cases the desktop app and the `successmap` command-line tool run on it.
//!
//! This crate must never depend on Tauri: everything here is tested without a window.
//! Clients hold a [`Workspace`] and call [`edits`] (every change a user makes) and
//! [`reads`] (every list, map, chart and export); nothing else of this crate's storage
//! reaches them. Inside: `model` (plain data and ids), `db` (all SQL, one module per
//! table, the undo stack and the read pool), `ops` (use cases with validation and
//! rules), `import` and `export` (CRM files), `demo` (the demo workspace, built from
//! `ops` like any user edit).

pub mod db;
pub mod demo;
pub mod drawing;
pub mod edits;
pub mod error;
pub mod export;
pub mod files;
pub mod handout;
pub mod import;
pub mod model;
pub mod ops;
pub mod presentation;
pub mod reads;
pub mod time;
pub mod validate;
pub mod versions;
pub mod words;
pub mod workspace;

pub use db::Db;
pub use error::{CoreError, CoreResult};
pub use workspace::{NewFile, Workspace};
