import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/store/types.ts
var StoreUnavailableError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
};
var StoreError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "StoreError";
  }
};

export {
  StoreUnavailableError,
  StoreError
};
