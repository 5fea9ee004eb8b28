// One ECharts chart: tree-shaken (only the chart types and components registered here
// are bundled), drawn as SVG (crisp at any zoom, and it runs in the test DOM), resized
// with its box, and recoloured when the OS switches between light and dark.
import { useEffect, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { SankeyChart, ScatterChart } from "echarts/charts";
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { ComposeOption } from "echarts/core";
import type { SankeySeriesOption, ScatterSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";

echarts.use([
  SankeyChart,
  ScatterChart,
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | SankeySeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** The theme's colours, read from the stylesheet's custom properties. */
export interface Palette {
  text: string;
  text2: string;
  text3: string;
  border: string;
  surface: string;
  accent: string;
  danger: string;
  community: string;
  warn: string;
  font: string;
}

function readPalette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#1d232b"),
    text2: v("--text-2", "#535d6b"),
    text3: v("--text-3", "#7a8492"),
    border: v("--border", "#dde1e7"),
    surface: v("--surface", "#ffffff"),
    accent: v("--accent", "#3b5bdb"),
    danger: v("--danger", "#c92a2a"),
    community: v("--community", "#2b8a3e"),
    warn: v("--warn", "#a15c00"),
    font: v("--font", "sans-serif"),
  };
}

/** The palette now, and again whenever the OS colour scheme changes. */
export function usePalette(): Palette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const query = window.matchMedia?.("(prefers-color-scheme: dark)");
    if (!query) return;
    const update = () => setPalette(readPalette());
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return palette;
}

export type ChartEvent = { componentType?: string; dataType?: string; data?: unknown; name?: string };

interface Props {
  option: ChartOption;
  /** Text alternative: what the chart shows, for screen readers. */
  label: string;
  onClick?: (event: ChartEvent) => void;
  className?: string;
  testId?: string;
}

export function Chart({ option, label, onClick, className, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: "svg" });
    chart.current = instance;
    instance.on("click", (e) => click.current?.(e as ChartEvent));
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className ?? "chart"} role="img" aria-label={label} data-testid={testId} />;
}
