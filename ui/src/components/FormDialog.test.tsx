import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../ipc/client";
import { FormDialog, useForm } from "./FormDialog";

function Probe({ save, onCancel = () => {} }: { save: () => Promise<unknown>; onCancel?: () => void }) {
  const form = useForm<"title">({ fieldOf: (f) => (f === "title" ? "title" : null) });
  return (
    <FormDialog
      form={form}
      testId="probe"
      title="Probe"
      onSubmit={() => void form.run(save)}
      onCancel={onCancel}
      submitLabel="Save probe"
      submitTestId="probe-save"
    >
      <label htmlFor={form.fieldId("title")}>Title</label>
      <input {...form.fieldProps("title")} onChange={() => form.clear("title")} />
      {form.fieldError("title")}
    </FormDialog>
  );
}

describe("the form dialog shell", () => {
  it("is busy while the submission runs and names itself by its title", async () => {
    let finish: () => void = () => {};
    const save = () => new Promise<void>((resolve) => (finish = resolve));
    render(<Probe save={save} />);
    expect(screen.getByTestId("probe")).toHaveAccessibleName("Probe");
    await userEvent.click(screen.getByTestId("probe-save"));
    expect(screen.getByTestId("probe-save")).toBeDisabled();
    expect(screen.getByTestId("probe-save")).toHaveTextContent("Saving…");
    finish();
    await screen.findByText("Save probe");
    expect(screen.getByTestId("probe-save")).toBeEnabled();
  });

  it("shows a backend error about a field at that field, and clears it when the field is edited", async () => {
    const save = vi
      .fn()
      .mockRejectedValue(new BackendError({ code: "invalid_input", field: "title", message: "title is too long" }));
    render(<Probe save={save} />);
    await userEvent.click(screen.getByTestId("probe-save"));
    const title = screen.getByLabelText("Title");
    expect(await screen.findByRole("alert")).toHaveTextContent("Title is too long");
    expect(title).toHaveAccessibleDescription("Title is too long");
    expect(title).toHaveAttribute("aria-invalid", "true");
    await userEvent.type(title, "x");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(title).not.toHaveAttribute("aria-invalid");
  });

  it("shows any other error on the error line", async () => {
    const save = vi.fn().mockRejectedValue(new BackendError({ code: "conflict", message: "a probe already exists" }));
    render(<Probe save={save} />);
    await userEvent.click(screen.getByTestId("probe-save"));
    expect(await screen.findByRole("alert")).toHaveTextContent("A probe already exists");
    expect(screen.getByLabelText("Title")).not.toHaveAccessibleDescription();
  });

  it("cancels with its Cancel button", async () => {
    const onCancel = vi.fn();
    render(<Probe save={() => Promise.resolve()} onCancel={onCancel} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
