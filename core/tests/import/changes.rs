//! What an import will change, told by the check before anything is written, and the
//! same counts from the import itself.

use crate::common::now;
use crate::{import as import_bytes, run, workspace};
use successmap_core::import::Mode;
use successmap_core::model::{ImportMove, PersonaChanges};

fn changes(persona: &str, new: u32, updated: u32, unchanged: u32, moved: u32) -> PersonaChanges {
    PersonaChanges {
        persona: persona.to_string(),
        new_customers: new,
        updated,
        unchanged,
        moved,
    }
}

#[test]
fn the_check_counts_new_updated_unchanged_and_moved_per_persona_and_lists_moves() {
    let (mut db, _) = workspace();
    let first = "external_id,name,persona,current_step,arr\n\
A1,Acme,Architect,Onboard,100\n\
A2,Birch,Architect,Onboard,200\n\
A3,Cedar,Architect,Adopt,300\n\
D1,Delta,Developer,Start,400\n";
    import_bytes(&mut db, first.as_bytes());
    let second = "external_id,name,persona,current_step,arr\n\
A1,Acme,Architect,Adopt,100\n\
A2,Birch,Architect,Onboard,250\n\
A3,Cedar,Architect,Adopt,300\n\
D1,Delta,Developer,Build,400\n\
D2,Echo,Developer,Start,500\n\
A4,Fig,Architect,,\n";
    let check = run(&mut db, second.as_bytes(), false, Mode::Validate).unwrap();
    let expected = vec![
        changes("Architect", 1, 2, 1, 1),
        changes("Developer", 1, 1, 0, 1),
    ];
    assert_eq!(check.changes, expected);
    assert_eq!(
        (
            check.new_customers,
            check.updated_customers,
            check.unchanged_customers
        ),
        (2, 3, 1)
    );
    let moved = |line: u32, customer: &str, persona: &str, from: &str, to: &str| ImportMove {
        line,
        customer: customer.to_string(),
        persona: persona.to_string(),
        from: Some(from.to_string()),
        to: Some(to.to_string()),
    };
    assert_eq!(
        check.moves,
        vec![
            moved(2, "Acme", "Architect", "Onboard", "Adopt"),
            moved(5, "Delta", "Developer", "Start", "Build"),
        ]
    );
    // The import finds what the check said.
    let done = run(
        &mut db,
        second.as_bytes(),
        false,
        Mode::Write { now: now() },
    )
    .unwrap();
    assert_eq!(done.changes, expected);
    assert_eq!(done.moves, check.moves);
    assert_eq!(
        (
            done.new_customers,
            done.updated_customers,
            done.unchanged_customers
        ),
        (2, 3, 1)
    );
    // Once imported, the same file changes nothing.
    let again = run(&mut db, second.as_bytes(), false, Mode::Validate).unwrap();
    assert_eq!(
        again.changes,
        vec![
            changes("Architect", 0, 0, 4, 0),
            changes("Developer", 0, 0, 2, 0)
        ]
    );
    assert!(again.moves.is_empty());
}

#[test]
fn a_move_to_a_step_the_import_creates_is_listed_by_its_title() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\nA1,Acme,Architect,Onboard\n",
    );
    let file = b"external_id,name,persona,current_step\nA1,Acme,Architect,Certified Partner\n";
    let check = run(&mut db, file, true, Mode::Validate).unwrap();
    assert_eq!(check.moves[0].to.as_deref(), Some("Certified Partner"));
    assert_eq!(check.changes, vec![changes("Architect", 0, 1, 0, 1)]);
}
