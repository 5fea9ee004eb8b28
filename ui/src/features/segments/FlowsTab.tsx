// The persona's matrices as flows from the current to the target step; a flow opens
// its segment.
import { lazy } from "react";
import type { SegmentFilter } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { inFlight, useLoad } from "../../lib/useLoad";
import type { Measure } from "./matrix";
import { TabPanel } from "./TabPanel";
import type { Selection } from "./useSegmentSelection";

// The chart (and ECharts with it) loads when first shown: the app starts without it.
const FlowsChart = lazy(() => import("./FlowsChart").then((m) => ({ default: m.FlowsChart })));

interface Props {
  filter: SegmentFilter;
  revision: number;
  measure: Measure;
  onSelect: (selection: Selection) => void;
}

export function FlowsTab({ filter, revision, measure, onSelect }: Props) {
  const client = useClient();
  const matrices = useLoad(() => client.segmentMatrix(filter), [client, revision, filter]);
  return (
    <TabPanel tab="flows" busy={inFlight(matrices)}>
      {(matrices.data ?? []).map((m) => (
        <FlowsChart
          key={m.personaId}
          matrix={m}
          measure={measure}
          onSelect={(cell, label, count) => onSelect({ personaId: m.personaId, cell, quadrant: null, label, count })}
        />
      ))}
    </TabPanel>
  );
}
