//! Plain data of the domain (PRODUCT.md): personas, their success maps and steps,
//! KPIs, success vehicles, customers and placement history. No SQL and no rules here:
//! storage is in `db`, rules in `ops`. Every type that crosses IPC derives `specta::Type`.

mod customer;
mod evidence;
mod history;
mod ids;
mod import;
mod map;
mod persona;
mod segment;
mod vehicle;
mod version;
mod workshop;
mod workspace;

pub use customer::*;
pub use evidence::*;
pub use history::*;
pub use ids::*;
pub use import::*;
pub use map::*;
pub use persona::*;
pub use segment::*;
pub use vehicle::*;
pub use version::*;
pub use workshop::*;
pub use workspace::*;
