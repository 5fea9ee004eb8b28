// Opens a <dialog> as modal once it is mounted (jsdom has no showModal: then it is
// only marked open). The dialog closes by unmounting.
import { useEffect, useRef } from "react";

export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
  }, []);
  return ref;
}
