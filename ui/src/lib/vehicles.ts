// How vehicles are named on every screen.
import type { VehicleKind } from "../ipc/client";

export const KIND_LABEL: Record<VehicleKind, string> = {
  training: "Training",
  community: "Community",
  enablement: "Enablement",
  custom: "Custom",
};

/** The label a vehicle chip shows for its kind: a custom kind shows its own name. */
export function kindLabel(kind: VehicleKind, customKind: string | null): string {
  return kind === "custom" && customKind ? customKind : KIND_LABEL[kind];
}
