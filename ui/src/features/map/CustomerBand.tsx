// Customers on a step of the map: count and ARR, the largest few as chips, "+N more".
// A chip dragged onto another step moves the customer there; its target marker (→ n)
// dragged onto a step makes that step its target. The chip's menu does both from the
// keyboard. However many customers a step has, it renders at most a handful of chips.
import { useDndContext, useDraggable, useDroppable } from "@dnd-kit/core";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { CustomerChip, PlacementMove, StepView } from "../../ipc/client";
import { formatArr, plural } from "../../lib/format";

export type CustomerDrag = { type: "customer"; mode: "current" | "target"; chip: CustomerChip; fromStepId: number };

export const bandKey = (stepId: number) => `band:${stepId}`;
export const stepFromBandKey = (key: string | number): number | null =>
  typeof key === "string" && key.startsWith("band:") ? Number(key.slice(5)) : null;

interface Props {
  step: StepView;
  steps: StepView[];
  onPlace: (chip: CustomerChip, placement: PlacementMove) => void;
  onShowAll: (stepId: number) => void;
}

export function CustomerBand({ step, steps, onPlace, onShowAll }: Props) {
  const { active } = useDndContext();
  const drag = active?.data.current as CustomerDrag | { type: string } | undefined;
  const dragging = drag?.type === "customer" ? (drag as CustomerDrag) : null;
  const { setNodeRef, isOver } = useDroppable({ id: bandKey(step.step.id), disabled: dragging === null });
  const more = step.customerCount - step.customers.length;
  const positionOf = (id: number | null) => steps.findIndex((s) => s.step.id === id);
  const here = positionOf(step.step.id);

  return (
    <div
      ref={setNodeRef}
      className={`customer-band${dragging ? " is-drop-target" : ""}${isOver && dragging ? " is-over" : ""}`}
      aria-label={`Customers on ${step.step.title}`}
      data-testid="customer-band"
    >
      <div className="band-figures">
        <span className="band-count" data-testid="band-count">
          {plural(step.customerCount, "customer")}
        </span>
        <span className="band-arr">{formatArr(step.arrCents)} ARR</span>
        {step.targetCount > 0 && <span className="band-target">{step.targetCount} aiming here</span>}
      </div>
      {dragging && (
        <p className="band-drop-hint" aria-hidden="true">
          {dragging.mode === "current" ? "Move here" : "Set as target"}
        </p>
      )}
      {step.customers.length > 0 && (
        <ul className="customer-chips" aria-label={`Largest customers on ${step.step.title}`}>
          {step.customers.map((chip) => {
            const target = positionOf(chip.targetStepId);
            return (
              <Chip
                key={chip.id}
                chip={chip}
                stepId={step.step.id}
                targetIndex={target}
                regression={target >= 0 && target < here}
                steps={steps}
                onPlace={onPlace}
              />
            );
          })}
        </ul>
      )}
      {step.customerCount === 0 && !dragging && <p className="band-empty">No customer on this step yet.</p>}
      {more > 0 && (
        <button type="button" className="band-more" onClick={() => onShowAll(step.step.id)} data-testid="band-more">
          +{more.toLocaleString("en-US")} more
        </button>
      )}
    </div>
  );
}

interface ChipProps {
  chip: CustomerChip;
  stepId: number;
  targetIndex: number;
  regression: boolean;
  steps: StepView[];
  onPlace: (chip: CustomerChip, placement: PlacementMove) => void;
}

function Chip({ chip, stepId, targetIndex, regression, steps, onPlace }: ChipProps) {
  const {
    setNodeRef: setBodyRef,
    listeners: bodyListeners,
    isDragging,
  } = useDraggable({
    id: `customer:${chip.id}`,
    data: { type: "customer", mode: "current", chip, fromStepId: stepId } satisfies CustomerDrag,
  });
  const { setNodeRef: setMarkerRef, listeners: markerListeners } = useDraggable({
    id: `target:${chip.id}`,
    data: { type: "customer", mode: "target", chip, fromStepId: stepId } satisfies CustomerDrag,
  });
  const [menu, setMenu] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => {
    setMenu(false);
    menuButton.current?.focus();
  }, []);
  // Pointer only: the keyboard way is the menu.
  const bodyPointer = pointerOnly(bodyListeners);
  const markerPointer = pointerOnly(markerListeners);

  return (
    <li
      ref={setBodyRef}
      className={`customer-chip${isDragging ? " is-dragging" : ""}`}
      data-testid="customer-chip"
      data-customer={chip.id}
    >
      <span
        className="chip-name"
        {...bodyPointer}
        title={`${chip.name} · ${formatArr(chip.arrCents)} ARR · drag to another step to move`}
      >
        {chip.name}
      </span>
      <span
        ref={setMarkerRef}
        className={`chip-target${regression ? " is-regression" : ""}${targetIndex < 0 ? " is-none" : ""}`}
        {...markerPointer}
        title={
          targetIndex < 0
            ? "No target: drag onto a step to set one"
            : `Target: step ${targetIndex + 1}${regression ? " (before the current step)" : ""}; drag to change`
        }
        data-testid="chip-target"
      >
        {targetIndex < 0 ? "◎" : `→ ${targetIndex + 1}`}
      </span>
      <button
        ref={menuButton}
        type="button"
        className="chip-menu-button"
        aria-haspopup="menu"
        aria-expanded={menu}
        aria-label={`Place ${chip.name}`}
        onClick={() => setMenu((m) => !m)}
        data-testid="chip-menu"
      >
        ⋯
      </button>
      {menu && (
        <ChipMenu
          chip={chip}
          currentStepId={stepId}
          steps={steps}
          opener={menuButton}
          onPick={(placement) => {
            setMenu(false);
            menuButton.current?.focus();
            onPlace(chip, placement);
          }}
          onClose={closeMenu}
        />
      )}
    </li>
  );
}

function pointerOnly(listeners: Record<string, unknown> | undefined) {
  return Object.fromEntries(Object.entries(listeners ?? {}).filter(([name]) => name !== "onKeyDown"));
}

function ChipMenu({
  chip,
  currentStepId,
  steps,
  opener,
  onPick,
  onClose,
}: {
  chip: CustomerChip;
  currentStepId: number;
  steps: StepView[];
  /** The button that opened the menu: a press on it toggles, it does not count as "away". */
  opener: RefObject<HTMLButtonElement | null>;
  onPick: (placement: PlacementMove) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The first choice takes focus once, when the menu opens.
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("[role^=menuitem]:not(:disabled)")?.focus();
  }, []);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || opener.current?.contains(target)) return;
      onClose();
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [onClose, opener]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("[role^=menuitem]:not(:disabled)") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next =
        at < 0
          ? e.key === "ArrowDown"
            ? 0
            : items.length - 1
          : (at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  };

  return (
    <div ref={ref} className="chip-menu" role="menu" aria-label={`Place ${chip.name}`} onKeyDown={onKeyDown}>
      <p className="chip-menu-heading">Move to step…</p>
      {steps.map((s, i) => (
        <button
          key={`c${s.step.id}`}
          type="button"
          role="menuitem"
          disabled={s.step.id === currentStepId}
          onClick={() => onPick({ type: "current", step_id: s.step.id })}
        >
          {i + 1}. {s.step.title}
        </button>
      ))}
      <p className="chip-menu-heading">Set target…</p>
      {steps.map((s, i) => (
        <button
          key={`t${s.step.id}`}
          type="button"
          role="menuitemradio"
          aria-checked={s.step.id === chip.targetStepId}
          onClick={() => onPick({ type: "target", step_id: s.step.id })}
        >
          {i + 1}. {s.step.title}
        </button>
      ))}
      <button
        type="button"
        role="menuitem"
        disabled={chip.targetStepId === null}
        onClick={() => onPick({ type: "target", step_id: null })}
      >
        No target
      </button>
    </div>
  );
}
