// Success vs satisfaction: a scatter of customers by progress (x) and satisfaction (y),
// aggregated per point (point area by customers), the four quadrants shaded and named,
// and beside it the quadrants' counts and ARR as buttons that open them as segments.
import { useMemo } from "react";
import type { Quadrant, SatisfactionView } from "../../ipc/client";
import { Chart, usePalette, type ChartEvent, type ChartOption } from "../../lib/Chart";
import { formatArr, plural } from "../../lib/format";
import { escapeHtml } from "./flows";
import { basisInfo, measureInfo, pointSize, QUADRANTS, quadrantName, share } from "./satisfaction";

interface Props {
  view: SatisfactionView;
  selected: Quadrant | null;
  onSelect: (q: Quadrant) => void;
}

export function SatisfactionChart({ view, selected, onSelect }: Props) {
  const palette = usePalette();
  const measure = measureInfo(view.measure);
  const basis = basisInfo(view.basis);
  const option = useMemo((): ChartOption => {
    const largest = Math.max(0, ...view.points.map((p) => p.customers));
    const [lo, hi] = [view.scoreMin, view.scoreMax];
    const x0 = view.successfulFrom;
    const y0 = view.satisfiedFrom;
    // Quadrant names sit in the chart's corners, clear of the points in the middle.
    const corner: Record<Quadrant, string> = {
      satisfied_not_successful: "insideTopLeft",
      successful_satisfied: "insideTopRight",
      neither: "insideBottomLeft",
      successful_not_satisfied: "insideBottomRight",
    };
    const tone: Record<Quadrant, string> = {
      successful_satisfied: palette.community,
      successful_not_satisfied: palette.warn,
      satisfied_not_successful: palette.warn,
      neither: palette.danger,
    };
    const area = (q: Quadrant, from: [number, number], to: [number, number]) => [
      {
        name: q,
        coord: from,
        itemStyle: { color: q === selected ? palette.accent : "transparent", opacity: 0.1 },
        label: { show: true, position: corner[q], color: palette.text3, fontSize: 11, formatter: quadrantName(q) },
      },
      { coord: to },
    ];
    const quadrantOf = (progress: number, score: number): Quadrant =>
      progress >= x0
        ? score >= y0
          ? "successful_satisfied"
          : "successful_not_satisfied"
        : score >= y0
          ? "satisfied_not_successful"
          : "neither";
    return {
      animation: false,
      textStyle: { fontFamily: palette.font },
      grid: { left: 56, right: 16, top: 16, bottom: 48 },
      tooltip: {
        trigger: "item",
        backgroundColor: palette.surface,
        borderColor: palette.border,
        textStyle: { color: palette.text },
        formatter: (p: unknown) => {
          const item = p as { componentType?: string; name?: string; value?: [number, number, number, number] };
          if (item.componentType === "markArea") return escapeHtml(quadrantName(item.name as Quadrant));
          const [x, y, customers, arr] = item.value ?? [0, 0, 0, 0];
          return escapeHtml(
            `${plural(customers, "customer")}, ${formatArr(arr)} ARR — progress ${Math.round(x * 100)}%, ${measure.label} ${y}`,
          );
        },
      },
      xAxis: {
        type: "value",
        min: 0,
        max: 1,
        name: basis.axis,
        nameLocation: "middle",
        nameGap: 30,
        nameTextStyle: { color: palette.text2 },
        axisLabel: { color: palette.text2, formatter: (v: number) => `${Math.round(v * 100)}%` },
        splitLine: { lineStyle: { color: palette.border } },
      },
      yAxis: {
        type: "value",
        min: lo,
        max: hi,
        name: measure.label,
        nameLocation: "middle",
        nameGap: 40,
        nameTextStyle: { color: palette.text2 },
        axisLabel: { color: palette.text2 },
        splitLine: { lineStyle: { color: palette.border } },
      },
      series: [
        {
          type: "scatter",
          data: view.points.map((p) => ({
            value: [p.progress, p.score, p.customers, p.arrCents],
            itemStyle: { color: tone[quadrantOf(p.progress, p.score)] },
          })),
          symbolSize: (value: number[]) => pointSize(value[2] ?? 0, largest),
          itemStyle: { opacity: 0.6 },
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { color: palette.text3, type: "dashed" },
            label: { show: false },
            data: [{ xAxis: x0 }, { yAxis: y0 }],
          },
          markArea: {
            data: [
              area("satisfied_not_successful", [0, y0], [x0, hi]),
              area("successful_satisfied", [x0, y0], [1, hi]),
              area("neither", [0, lo], [x0, y0]),
              area("successful_not_satisfied", [x0, lo], [1, y0]),
            ] as never,
          },
        },
      ],
    };
  }, [view, palette, measure, basis, selected]);

  const total = view.quadrants.reduce((n, q) => n + q.customers, 0);
  const figure = (q: Quadrant) => view.quadrants.find((f) => f.quadrant === q) ?? { customers: 0, arrCents: 0 };
  const left = [
    view.withoutScore > 0 && `${plural(view.withoutScore, "customer")} without ${measure.label}`,
    view.withoutTarget > 0 && `${plural(view.withoutTarget, "customer")} without a target`,
  ].filter(Boolean);
  const summary = `Success vs satisfaction: ${QUADRANTS.map(
    (q) => `${q.label}: ${plural(figure(q.id).customers, "customer")}`,
  ).join("; ")}`;

  return (
    <figure className="satisfaction" data-testid="satisfaction">
      <figcaption>
        <strong>Success vs satisfaction</strong>{" "}
        <span className="muted">
          {plural(total, "customer")} · {view.successfulRule}; {view.satisfiedRule}
          {left.length > 0 && ` · left out: ${left.join(", ")}`}
        </span>
      </figcaption>
      <div className="satisfaction-body">
        <div className="chart-box satisfaction-chart">
          <Chart
            option={option}
            label={summary}
            onClick={(e: ChartEvent) => {
              if (e.componentType === "markArea" && e.name) onSelect(e.name as Quadrant);
            }}
            testId="satisfaction-chart"
          />
        </div>
        <div className="quadrants" role="group" aria-label="Quadrants">
          {QUADRANTS.map((q) => {
            const f = figure(q.id);
            return (
              <button
                key={q.id}
                type="button"
                className={`quadrant quadrant-${q.id}`}
                style={{ gridRow: q.row, gridColumn: q.column }}
                aria-pressed={selected === q.id}
                onClick={() => onSelect(q.id)}
                data-testid={`quadrant-${q.id}`}
              >
                <span className="quadrant-label">{q.label}</span>
                <span className="quadrant-count">{f.customers.toLocaleString("en-US")}</span>
                <span className="quadrant-meta muted">
                  {share(f.customers, total)} · {formatArr(f.arrCents)} ARR
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </figure>
  );
}
