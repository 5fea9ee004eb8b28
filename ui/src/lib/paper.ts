import type { Paper } from "../ipc/client";

/** US Letter where the user's locale prints on it, A4 elsewhere. */
export function defaultPaper(locale: string): Paper {
  const region = locale.split(/[-_]/)[1]?.toUpperCase();
  return region !== undefined && ["US", "CA", "MX", "PH", "CL", "CO", "VE"].includes(region) ? "letter" : "a4";
}
