// Success vs satisfaction over the filters, on the chosen axes; a quadrant opens its
// segment.
import { lazy } from "react";
import type { ProgressBasis, Quadrant, SatisfactionMeasure, SegmentFilter } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { inFlight, useLoad } from "../../lib/useLoad";
import { BASES, MEASURES, quadrantName } from "./satisfaction";
import { TabPanel } from "./TabPanel";
import type { Selection } from "./useSegmentSelection";

// The chart (and ECharts with it) loads when first shown: the app starts without it.
const SatisfactionChart = lazy(() => import("./SatisfactionChart").then((m) => ({ default: m.SatisfactionChart })));

export interface Axes {
  basis: ProgressBasis;
  measure: SatisfactionMeasure;
}

interface Props {
  filter: SegmentFilter;
  revision: number;
  axes: Axes;
  onAxes: (axes: Axes) => void;
  selected: Quadrant | null;
  onSelect: (selection: Selection) => void;
}

export function SatisfactionTab({ filter, revision, axes, onAxes, selected, onSelect }: Props) {
  const client = useClient();
  const { basis, measure } = axes;
  const satisfaction = useLoad(
    () => client.segmentSatisfaction(filter, basis, measure),
    [client, revision, filter, basis, measure],
  );

  function selectQuadrant(quadrant: Quadrant) {
    const ref = { basis, measure, quadrant };
    const figure = satisfaction.data?.quadrants.find((q) => q.quadrant === quadrant);
    const label = figure?.segmentLabel ?? quadrantName(quadrant);
    onSelect({ personaId: null, cell: null, quadrant: ref, label, count: figure?.customers ?? 0 });
  }

  return (
    <TabPanel tab="satisfaction" busy={inFlight(satisfaction)}>
      <div className="filter-bar" role="group" aria-label="Axes">
        <ChoiceSelect
          label="Progress"
          value={basis}
          options={BASES}
          onChange={(b) => b && onAxes({ basis: b, measure })}
          testId="satisfaction-basis"
        />
        <ChoiceSelect
          label="Satisfaction"
          value={measure}
          options={MEASURES}
          onChange={(m) => m && onAxes({ basis, measure: m })}
          testId="satisfaction-measure"
        />
      </div>
      {satisfaction.data && (
        <SatisfactionChart view={satisfaction.data} selected={selected} onSelect={selectQuadrant} />
      )}
    </TabPanel>
  );
}
