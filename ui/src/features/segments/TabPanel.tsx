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

/** `busy` while the tab's data is being loaded (aria-busy). */
export function TabPanel({ tab, busy, children }: { tab: Tab; busy: boolean; children: ReactNode }) {
  return (
    <div className="matrices" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} aria-busy={busy}>
      {children}
    </div>
  );
}
