//! The CRM-like rows both benchmarks load: deterministic, a million by default.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;

use chrono::{TimeZone, Utc};

pub const PERSONAS: [&str; 3] = [
    "Home architect",
    "Large-building architect",
    "Industrial architect",
];
pub const STEPS: [&str; 4] = [
    "First project",
    "Templates in use",
    "Sustainable design",
    "Visualisation",
];
const OWNERS: [&str; 6] = [
    "Maya Lindqvist",
    "Ravi Patel",
    "Jonas Berg",
    "Ana Costa",
    "Lea Wolf",
    "",
];

pub struct Row {
    pub ext: String,
    pub name: String,
    pub persona: usize,
    pub current: usize,
    pub target: usize,
    pub arr_cents: i64,
    pub health: i32,
    pub nps: i32,
    pub csat: f64,
    pub owner: &'static str,
    pub renewal: String,
    pub notes: String,
}

/// Deterministic pseudo-random rows (xorshift), CRM-like.
pub fn rows(n: usize) -> Vec<Row> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|i| {
            let r = next();
            let current = (r % 4) as usize;
            Row {
                ext: format!("ACC-{:07}", i + 1),
                name: format!(
                    "Customer {} {}",
                    ["Studio", "Atelier", "Partners", "Group"][(r >> 8) as usize % 4],
                    i + 1
                ),
                persona: (r >> 16) as usize % 3,
                current,
                target: (current + 1 + (r >> 20) as usize % 3).min(3),
                arr_cents: 100_000 + (r >> 24) as i64 % 10_000_000,
                health: ((r >> 32) % 101) as i32,
                nps: ((r >> 40) % 201) as i32 - 100,
                csat: ((r >> 48) % 1001) as f64 / 10.0,
                owner: OWNERS[(r >> 52) as usize % OWNERS.len()],
                renewal: format!("2027-{:02}-{:02}", 1 + (r >> 56) % 12, 1 + (r >> 58) % 28),
                notes: if i % 10 == 0 {
                    "Renewal call booked, wants \"advanced\" training".into()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

pub fn write_csv(path: &std::path::Path, rows: &[Row]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "Record ID,Account Name,Persona,Lifecycle Stage,Target Stage,Annual Revenue,Health Score,NPS,CSAT,Account Owner,Renewal Date,Notes"
    )
    .unwrap();
    for r in rows {
        writeln!(
            out,
            "{},{},{},{},{},{}.{:02},{},{},{},{},{},\"{}\"",
            r.ext,
            r.name,
            PERSONAS[r.persona],
            STEPS[r.current],
            STEPS[r.target],
            r.arr_cents / 100,
            r.arr_cents % 100,
            r.health,
            r.nps,
            r.csat,
            r.owner,
            r.renewal,
            r.notes.replace('"', "\"\"")
        )
        .unwrap();
    }
    out.flush().unwrap();
}

pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}
