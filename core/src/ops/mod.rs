//! Use cases: each validates its input, applies the domain rules, and writes through
//! `db` inside the caller's transaction. "Now" is always passed in.

pub mod customers;
pub mod evidence;
pub mod kpis;
pub mod maps;
pub mod personas;
pub mod positions;
pub mod segments;
pub mod steps;
pub mod vehicles;
pub mod workshop;
pub mod workspace;
