export { SandboxRuntime } from './sandbox-runtime.js';
export type {
  Responder,
  SandboxOptions,
  SandboxState,
  VariantSettings,
} from './sandbox-runtime.js';
export { RequestLog } from './request-log.js';
export type { LoggedRequest } from './request-log.js';
export { FaultInjector } from './faults.js';
export type { FaultKind, FaultOptions } from './faults.js';
export { SlidingWindow, maxInAnyWindow } from './sliding-window.js';
export { listen } from './listen.js';
