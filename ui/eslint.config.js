import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { readdirSync } from "node:fs";
import { join } from "node:path";

// Imports no module may make: only the typed client talks to the generated bindings and to Tauri.
const BACKEND_ONLY_IN_CLIENT = [
  { group: ["**/ipc/bindings", "./bindings"], message: "Import from src/ipc/client.ts instead." },
  {
    group: ["@tauri-apps/*"],
    message: "Reach the backend and the native dialogs through src/ipc/client.ts.",
  },
];

// A feature folder stands alone: what several features use lives in src/components/
// (React components) or src/lib/ (pure helpers and hooks). Only App.tsx puts features together.
const FEATURES = readdirSync(join(import.meta.dirname, "src/features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const SHARED_MESSAGE = "Move what several features share to src/components/ or src/lib/.";
const ownFeatureOnly = (feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...BACKEND_ONLY_IN_CLIENT,
          // "../customers/…" from features/map/, or "…/features/customers/…" from anywhere in it.
          {
            regex: `^\\.\\./(?!${feature}(/|$))[^./]`,
            message: `Another feature's file: features/${feature}/ may not import it. ${SHARED_MESSAGE}`,
          },
          {
            regex: `(^|/)features/(?!${feature}(/|$))`,
            message: `Another feature's file: features/${feature}/ may not import it. ${SHARED_MESSAGE}`,
          },
        ],
      },
    ],
  },
});

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
      "no-restricted-imports": ["error", { patterns: BACKEND_ONLY_IN_CLIENT }],
    },
  },
  ...FEATURES.map(ownFeatureOnly),
  {
    // Shared code serves the features; it never depends on one.
    files: ["src/components/**/*.{ts,tsx}", "src/lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...BACKEND_ONLY_IN_CLIENT,
            { regex: "(^|/)features/", message: "Shared code may not import a feature's file." },
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
