// Where something sits on a map (a workshop note, a vehicle), in words.
import type { AttachmentTarget, MapDetail } from "../ipc/client";

/** The place of a note in words: "step 2", "the move to step 3". */
export function placeOf(map: MapDetail, target: AttachmentTarget): string {
  if (target.type === "step") {
    const i = map.steps.findIndex((s) => s.step.id === target.stepId);
    return i === -1 ? "a step no longer on the map" : `step ${i + 1}, ${map.steps[i]?.step.title ?? ""}`;
  }
  const from = map.steps.findIndex((s) => s.step.id === target.fromStepId);
  const to = map.steps.findIndex((s) => s.step.id === target.toStepId);
  if (from === -1 || to === -1) return "a move no longer on the map";
  return `the move from step ${from + 1} to step ${to + 1}`;
}
