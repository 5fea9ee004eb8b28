// Where a vehicle can be attached on a map: each step, and each move between two
// consecutive steps. Used by drop targets and by the keyboard "Attach to…" menu.
import type { AttachmentTarget, MapDetail } from "../../ipc/client";

export interface TargetOption {
  /** Stable key, also the drop target id: "step:12" or "move:12:13". */
  key: string;
  label: string;
  target: AttachmentTarget;
}

export function stepKey(stepId: number): string {
  return `step:${stepId}`;
}

export function moveKey(from: number, to: number): string {
  return `move:${from}:${to}`;
}

export function targetOptions(map: MapDetail): TargetOption[] {
  const options: TargetOption[] = [];
  map.steps.forEach((s, i) => {
    options.push({
      key: stepKey(s.step.id),
      label: `Step: ${s.step.title}`,
      target: { type: "step", stepId: s.step.id },
    });
    const next = map.steps[i + 1];
    if (next) {
      options.push({
        key: moveKey(s.step.id, next.step.id),
        label: `Move: ${s.step.title} → ${next.step.title}`,
        target: { type: "move", fromStepId: s.step.id, toStepId: next.step.id },
      });
    }
  });
  return options;
}

/** The target a drop target id stands for, if it is one. */
export function targetFromKey(key: string | number): AttachmentTarget | null {
  const parts = String(key).split(":");
  if (parts[0] === "step" && parts.length === 2) return { type: "step", stepId: Number(parts[1]) };
  if (parts[0] === "move" && parts.length === 3)
    return { type: "move", fromStepId: Number(parts[1]), toStepId: Number(parts[2]) };
  return null;
}
