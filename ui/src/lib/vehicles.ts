// How vehicles are named on every screen: the core's names (VEHICLE_KIND_LABELS), which
// its drawings and handouts use too.
import { VEHICLE_KIND_LABELS, type VehicleKind } from "../ipc/client";

export const KIND_LABEL: Record<VehicleKind, string> = VEHICLE_KIND_LABELS;

/** The label a vehicle chip shows for its kind: a custom kind shows its own name. */
export function kindLabel(kind: VehicleKind, customKind: string | null): string {
  const own = customKind?.trim();
  return kind === "custom" && own ? own : KIND_LABEL[kind];
}
