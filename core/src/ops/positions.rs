//! Order as data: pure functions over the ordered ids of a list (steps of a map).
//! Positions are 0-based and dense; after any change every item gets its index as
//! position again (lists are short: a map has a handful of steps).

/// Moves the item at `from` to index `to` (both clamped to the list) and returns the new order.
pub fn reorder<T: Copy>(ids: &[T], from: usize, to: usize) -> Vec<T> {
    let mut out = ids.to_vec();
    if out.is_empty() || from >= out.len() {
        return out;
    }
    let item = out.remove(from);
    let to = to.min(out.len());
    out.insert(to, item);
    out
}

/// Inserts `id` at index `at` (clamped to the end) and returns the new order.
pub fn insert_at<T: Copy>(ids: &[T], id: T, at: usize) -> Vec<T> {
    let mut out = ids.to_vec();
    out.insert(at.min(out.len()), id);
    out
}

/// The (id, position) pairs that differ between the stored positions and a new order.
pub fn changed_positions<T: Copy + PartialEq>(stored: &[(T, i32)], order: &[T]) -> Vec<(T, i32)> {
    order
        .iter()
        .enumerate()
        .filter_map(|(index, id)| {
            let position = index as i32;
            let unchanged = stored
                .iter()
                .any(|(sid, spos)| sid == id && *spos == position);
            (!unchanged).then_some((*id, position))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_an_item_forward_shifts_the_ones_between_back() {
        assert_eq!(reorder(&[1, 2, 3, 4], 0, 2), vec![2, 3, 1, 4]);
    }

    #[test]
    fn moving_an_item_backward_shifts_the_ones_between_forward() {
        assert_eq!(reorder(&[1, 2, 3, 4], 3, 1), vec![1, 4, 2, 3]);
    }

    #[test]
    fn out_of_range_targets_clamp_to_the_end_and_bad_sources_change_nothing() {
        assert_eq!(reorder(&[1, 2, 3], 0, 99), vec![2, 3, 1]);
        assert_eq!(reorder(&[1, 2, 3], 7, 0), vec![1, 2, 3]);
        assert_eq!(reorder::<i32>(&[], 0, 0), Vec::<i32>::new());
    }

    #[test]
    fn inserting_between_two_items_and_past_the_end() {
        assert_eq!(insert_at(&[1, 2, 3], 9, 1), vec![1, 9, 2, 3]);
        assert_eq!(insert_at(&[1, 2, 3], 9, 10), vec![1, 2, 3, 9]);
    }

    #[test]
    fn only_items_whose_position_changes_are_rewritten() {
        let stored = [(10, 0), (20, 1), (30, 2), (40, 3)];
        let order = reorder(&[10, 20, 30, 40], 1, 2);
        assert_eq!(changed_positions(&stored, &order), vec![(30, 1), (20, 2)]);
    }
}
