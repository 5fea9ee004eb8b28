// The panel of one tab of the Segments view.
import type { ReactNode } from "react";

export type Tab = "matrix" | "flows" | "satisfaction" | "progression" | "evidence";

export const TABS: { id: Tab; label: string }[] = [
  { id: "matrix", label: "Matrix" },
  { id: "flows", label: "Flows" },
  { id: "satisfaction", label: "Success vs satisfaction" },
  { id: "progression", label: "Progression" },
  { id: "evidence", label: "Suggested steps" },
];

export function TabPanel({ tab, children }: { tab: Tab; children: ReactNode }) {
  return (
    <div className="matrices" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
      {children}
    </div>
  );
}
