// The persona form's pure logic: from typed text to a PersonaInput, with a message
// per field. The backend checks the same rules again and its field errors land in
// the same places.
import type { Persona, PersonaInput } from "../../ipc/client";

export interface PersonaDraft {
  name: string;
  description: string;
  successDefinition: string;
  /** One goal per line. */
  goals: string;
  revenueShare: string;
  color: string;
}

export type DraftField = keyof PersonaDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const NAME_MAX = 120;
export const DEFAULT_COLOR = "#3b5bdb";

export function emptyDraft(): PersonaDraft {
  return { name: "", description: "", successDefinition: "", goals: "", revenueShare: "", color: "" };
}

export function draftFromPersona(p: Persona): PersonaDraft {
  return {
    name: p.name,
    description: p.description,
    successDefinition: p.successDefinition,
    goals: p.goals.join("\n"),
    revenueShare: p.revenueShare === null ? "" : String(p.revenueShare),
    color: p.color,
  };
}

/** Reads "38", "38.5", "38,5" or "38 %" as a number; null for blank; NaN for anything else. */
export function parseShare(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (cleaned === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

export function parseDraft(
  draft: PersonaDraft,
): { input: PersonaInput; errors: null } | { input: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (name === "") errors.name = "Give the persona a name.";
  else if ([...name].length > NAME_MAX)
    errors.name = `Keep the name under ${NAME_MAX} characters (it has ${[...name].length}).`;

  const share = parseShare(draft.revenueShare);
  if (share !== null && Number.isNaN(share)) errors.revenueShare = "Revenue share must be a number, like 35 or 12.5.";
  else if (share !== null && (share < 0 || share > 100))
    errors.revenueShare = "Revenue share is a percentage between 0 and 100.";

  const color = draft.color.trim();
  if (color !== "" && !/^#[0-9a-fA-F]{6}$/.test(color)) errors.color = "Colour must look like #3b5bdb.";

  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors: null,
    input: {
      name,
      description: draft.description.trim(),
      successDefinition: draft.successDefinition.trim(),
      goals: draft.goals
        .split("\n")
        .map((g) => g.trim())
        .filter((g) => g !== ""),
      revenueShare: share,
      color: color === "" ? null : color.toLowerCase(),
    },
  };
}

const FIELDS: readonly DraftField[] = ["name", "description", "successDefinition", "goals", "revenueShare", "color"];

/** The draft field a backend error names, if it is one of the form's fields. */
export function fieldOf(backendField: string | null): DraftField | null {
  return FIELDS.find((f) => f === backendField) ?? null;
}
