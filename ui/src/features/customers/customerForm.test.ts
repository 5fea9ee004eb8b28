import { describe, expect, it } from "vitest";
import {
  customerFieldOf,
  draftFromCustomer,
  emptyCustomerDraft,
  parseCustomerDraft,
  withPersona,
} from "./customerForm";

describe("parseCustomerDraft", () => {
  it("turns a filled draft into the backend's input", () => {
    const draft = {
      ...emptyCustomerDraft(3),
      name: "  Acme  ",
      externalId: " CRM-1 ",
      currentStepId: 10,
      arr: "12,500.50",
      health: "80",
      nps: "-20",
      csat: "91,5",
      renewalDate: "2027-03-31",
    };
    expect(parseCustomerDraft(draft)).toEqual({
      errors: null,
      input: {
        name: "Acme",
        externalId: "CRM-1",
        personaId: 3,
        currentStepId: 10,
        targetStepId: null,
        arrCents: 1_250_050,
        health: 80,
        nps: -20,
        csat: 91.5,
        owner: "",
        renewalDate: "2027-03-31",
        notes: "",
      },
    });
  });

  it("names every field that cannot be read", () => {
    const result = parseCustomerDraft({
      ...emptyCustomerDraft(null),
      arr: "lots",
      health: "many",
      nps: "5.5",
      csat: "good",
      renewalDate: "next year",
    });
    expect(result.errors).toEqual({
      name: "Give the customer a name",
      personaId: "Choose the customer's persona",
      arr: "ARR must be a number",
      health: "Health must be a number",
      nps: "NPS must be a whole number",
      csat: "CSAT must be a number",
      renewalDate: "Write the date like 2027-03-31",
    });
  });

  it("sends figures out of range as typed: their ranges are the backend's to check", () => {
    const result = parseCustomerDraft({
      ...emptyCustomerDraft(1),
      name: "Acme",
      arr: "-5",
      health: "120",
      nps: "-300",
      csat: "101",
    });
    expect(result.errors).toBeNull();
    expect(result.input).toMatchObject({ arrCents: -500, health: 120, nps: -300, csat: 101 });
  });
});

describe("persona changes", () => {
  it("clear the steps of the old map and keep everything else", () => {
    const d = { ...emptyCustomerDraft(1), name: "Acme", currentStepId: 4, targetStepId: 5 };
    expect(withPersona(d, 2)).toEqual({ ...d, personaId: 2, currentStepId: null, targetStepId: null });
    expect(withPersona(d, 1)).toBe(d);
  });
});

describe("drafts of stored customers", () => {
  it("show ARR in currency units and map backend fields to form fields", () => {
    const d = draftFromCustomer({
      id: 1,
      externalId: null,
      name: "Acme",
      personaId: 1,
      currentStepId: null,
      targetStepId: null,
      arrCents: 1_234_550,
      health: null,
      nps: 10,
      csat: null,
      owner: "Maya",
      renewalDate: null,
      notes: "",
    });
    expect(d.arr).toBe("12345.5");
    expect(d.nps).toBe("10");
    expect(customerFieldOf("arrCents")).toBe("arr");
    expect(customerFieldOf("other")).toBeNull();
  });
});
