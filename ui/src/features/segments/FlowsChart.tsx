// A persona's flows as a Sankey diagram: current steps on the left, target steps on the
// right, link width by customers or ARR. Hover a flow for its count and ARR; click it
// to open its customers as a segment.
import { useMemo } from "react";
import type { CellRef, PersonaMatrix } from "../../ipc/client";
import { Chart, usePalette, type ChartEvent, type ChartOption } from "../../lib/Chart";
import { formatArr, plural } from "../../lib/format";
import { escapeHtml, flows, type FlowKind, type FlowLink } from "./flows";
import type { Measure } from "./matrix";

interface Props {
  matrix: PersonaMatrix;
  measure: Measure;
  /** A flow clicked: its cell, named, and how many customers it has. */
  onSelect: (cell: CellRef, label: string, customers: number) => void;
}

export function FlowsChart({ matrix, measure, onSelect }: Props) {
  const palette = usePalette();
  const f = useMemo(() => flows(matrix, measure), [matrix, measure]);
  const option = useMemo((): ChartOption => {
    const colour: Record<FlowKind, string> = {
      forward: palette.accent,
      stay: palette.community,
      regression: palette.danger,
      none: palette.text3,
    };
    const labels = new Map(f.nodes.map((n) => [n.id, n.label]));
    return {
      animation: false,
      textStyle: { fontFamily: palette.font },
      tooltip: {
        trigger: "item",
        backgroundColor: palette.surface,
        borderColor: palette.border,
        textStyle: { color: palette.text },
        formatter: (p: unknown) => {
          const item = p as { dataType?: string; data?: FlowLink & { name?: string }; name?: string };
          if (item.dataType === "edge" && item.data) return escapeHtml(item.data.description);
          return escapeHtml(labels.get(item.name ?? "") ?? "");
        },
      },
      series: [
        {
          type: "sankey",
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          nodeWidth: 14,
          nodeGap: 14,
          nodeAlign: "justify",
          layoutIterations: 0,
          draggable: false,
          emphasis: { focus: "adjacency" },
          data: f.nodes.map((n) => ({
            name: n.id,
            depth: n.side === "now" ? 0 : 1,
            itemStyle: { color: palette.text2, borderWidth: 0 },
            label: {
              position: n.side === "now" ? "right" : "left",
              color: palette.text,
              formatter: () => n.label,
            },
          })),
          links: f.links.map((l) => ({
            ...l,
            lineStyle: { color: colour[l.kind], opacity: 0.45 },
          })),
        },
      ],
    };
  }, [f, palette]);

  const total = measure === "customers" ? plural(matrix.customers, "customer") : `${formatArr(matrix.arrCents)} ARR`;
  const summary = `${matrix.personaName}: flows from current to target step, ${total}. ${f.links
    .map((l) => l.description)
    .join("; ")}`;
  const height = Math.max(220, 56 * Math.max(1, f.nodes.filter((n) => n.side === "now").length));
  return (
    <figure className="flows" data-testid="flows">
      <figcaption>
        <strong>{matrix.personaName}</strong> <span className="muted">{total} · current step → target step</span>
      </figcaption>
      {f.links.length === 0 ? (
        <p className="muted">No customers here with these filters.</p>
      ) : (
        <div style={{ height }} className="chart-box">
          <Chart
            option={option}
            label={summary}
            onClick={(e: ChartEvent) => {
              if (e.dataType !== "edge") return;
              const link = e.data as FlowLink;
              onSelect(link.cell, `${matrix.personaName}: ${link.route}`, link.customers);
            }}
            testId="flows-chart"
          />
        </div>
      )}
      <ul className="flows-legend" aria-hidden="true">
        <li className="legend-forward">Forward</li>
        <li className="legend-stay">At their target</li>
        <li className="legend-regression">Target before current</li>
        <li className="legend-none">No target</li>
      </ul>
    </figure>
  );
}
