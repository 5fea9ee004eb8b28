// tslib with an `__extends` that works when Object.prototype is frozen.
//
// The app runs with Tauri's `freezePrototype`. tslib's `__extends` sets up a subclass
// prototype with `this.constructor = d` on a fresh object; with a frozen
// Object.prototype that assignment throws ("Cannot assign to read only property
// 'constructor'"), so any library compiled with tslib classes (ECharts, zrender) fails
// to load. This version defines the property instead of assigning it; everything else
// is tslib's own. vite.config.ts points the bare `tslib` import here.
export * from "tslib/tslib.es6.mjs";

const extendStatics =
  Object.setPrototypeOf ||
  function (d, b) {
    for (const p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p];
  };

export function __extends(d, b) {
  if (typeof b !== "function" && b !== null) {
    throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
  }
  extendStatics(d, b);
  d.prototype = Object.create(b === null ? null : b.prototype, {
    constructor: { value: d, writable: true, configurable: true },
  });
}
