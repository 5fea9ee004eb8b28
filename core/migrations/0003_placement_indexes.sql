-- History rows are written once per placement change, up to a million in one import,
-- and read per customer. The four indexes on their step columns only served the rare
-- deletion of a step (SET NULL lookups); a step deletion now scans the history instead,
-- and every import writes fewer index entries.
DROP INDEX placement_by_from_current;
DROP INDEX placement_by_to_current;
DROP INDEX placement_by_from_target;
DROP INDEX placement_by_to_target;

