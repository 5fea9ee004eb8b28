// The add/edit customer form: text drafts in, a CustomerInput or per-field messages out.
// It only reads what was typed; the backend checks the ranges.
import type { Customer, CustomerInput, PersonaId, StepId } from "../../ipc/client";
import { parseLevel } from "../../lib/parseLevel";

export interface CustomerDraft {
  name: string;
  externalId: string;
  personaId: PersonaId | null;
  currentStepId: StepId | null;
  targetStepId: StepId | null;
  arr: string;
  health: string;
  nps: string;
  csat: string;
  owner: string;
  renewalDate: string;
  notes: string;
}

export type CustomerField = keyof CustomerDraft;
export type CustomerErrors = Partial<Record<CustomerField, string>>;

export function emptyCustomerDraft(personaId: PersonaId | null): CustomerDraft {
  return {
    name: "",
    externalId: "",
    personaId,
    currentStepId: null,
    targetStepId: null,
    arr: "",
    health: "",
    nps: "",
    csat: "",
    owner: "",
    renewalDate: "",
    notes: "",
  };
}

const text = (n: number | null) => (n === null ? "" : String(n));

export function draftFromCustomer(c: Customer): CustomerDraft {
  return {
    name: c.name,
    externalId: c.externalId ?? "",
    personaId: c.personaId,
    currentStepId: c.currentStepId,
    targetStepId: c.targetStepId,
    arr: c.arrCents === null ? "" : String(c.arrCents / 100),
    health: text(c.health),
    nps: text(c.nps),
    csat: text(c.csat),
    owner: c.owner,
    renewalDate: c.renewalDate ?? "",
    notes: c.notes,
  };
}

/** A figure as typed: empty is none; anything else must read as a number (a whole one
 * where the backend stores whole numbers). Whether it is in range is the backend's rule:
 * its refusal names the field and shows there. */
function number(value: string, label: string, whole: boolean): { value: number | null; error?: string } {
  if (value.trim() === "") return { value: null };
  const n = parseLevel(value);
  if (Number.isNaN(n)) return { value: null, error: `${label} must be a number` };
  if (whole && !Number.isInteger(n)) return { value: null, error: `${label} must be a whole number` };
  return { value: n };
}

export function parseCustomerDraft(
  d: CustomerDraft,
): { input: CustomerInput; errors: null } | { input: null; errors: CustomerErrors } {
  const errors: CustomerErrors = {};
  if (d.name.trim() === "") errors.name = "Give the customer a name";
  if (d.personaId === null) errors.personaId = "Choose the customer's persona";
  const arr = number(d.arr, "ARR", false);
  const health = number(d.health, "Health", true);
  const nps = number(d.nps, "NPS", true);
  const csat = number(d.csat, "CSAT", false);
  if (arr.error) errors.arr = arr.error;
  if (health.error) errors.health = health.error;
  if (nps.error) errors.nps = nps.error;
  if (csat.error) errors.csat = csat.error;
  const date = d.renewalDate.trim();
  if (date !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.renewalDate = "Write the date like 2027-03-31";
  if (Object.keys(errors).length > 0 || d.personaId === null) return { input: null, errors };
  return {
    input: {
      name: d.name.trim(),
      externalId: d.externalId.trim() === "" ? null : d.externalId.trim(),
      personaId: d.personaId,
      currentStepId: d.currentStepId,
      targetStepId: d.targetStepId,
      arrCents: arr.value === null ? null : Math.round(arr.value * 100),
      health: health.value,
      nps: nps.value,
      csat: csat.value,
      owner: d.owner.trim(),
      renewalDate: date === "" ? null : date,
      notes: d.notes.trim(),
    },
    errors: null,
  };
}

/** The form field a backend error names (camelCase), when it is one of ours. */
export function customerFieldOf(field: string | null): CustomerField | null {
  const map: Record<string, CustomerField> = {
    name: "name",
    externalId: "externalId",
    personaId: "personaId",
    currentStepId: "currentStepId",
    targetStepId: "targetStepId",
    arrCents: "arr",
    health: "health",
    nps: "nps",
    csat: "csat",
    owner: "owner",
    renewalDate: "renewalDate",
    notes: "notes",
  };
  return field === null ? null : (map[field] ?? null);
}

/** A new persona means a new map: the steps of the old one do not apply. */
export function withPersona(d: CustomerDraft, personaId: PersonaId | null): CustomerDraft {
  if (personaId === d.personaId) return d;
  return { ...d, personaId, currentStepId: null, targetStepId: null };
}
