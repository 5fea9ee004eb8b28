import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/ipc/bindings.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Workspace text is rendered as text, never as markup.
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Render workspace data as text." },
        {
          selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
          message: "Render workspace data as text.",
        },
      ],
      // Only the typed client may talk to the generated bindings.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/ipc/bindings", "./bindings"], message: "Import from src/ipc/client.ts instead." },
            {
              group: ["@tauri-apps/*"],
              message: "Reach the backend and the native dialogs through src/ipc/client.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ipc/client.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
