// A native menu item that a view carries out itself (Find customer, Export ▸ …): the
// frame switches to the view and hands it the request; `seq` tells a repeat from the last.
import { useEffect, useRef } from "react";

export interface MenuRequest {
  id: string;
  seq: number;
}

/** Calls `handle` once for each new request (also the one present when the view mounts). */
export function useMenuRequest(request: MenuRequest | null | undefined, handle: (id: string) => void) {
  const seen = useRef<number | null>(null);
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    if (!request || seen.current === request.seq) return;
    seen.current = request.seq;
    latest.current(request.id);
  }, [request]);
}
