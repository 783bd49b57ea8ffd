export { CONSOLE_PAGES } from './pages/index.js';
export {
  CONSOLE_PATH,
  type ConsoleContext,
  type ConsoleDeps,
  type ConsolePage,
  type ConsoleRequest,
  type ConsoleResult,
} from './console-page.js';
export {
  CONSOLE_HEADERS,
  consoleStylesheet,
  handleConsoleRequest,
  type ConsoleEnv,
  type RawConsoleRequest,
} from './console-handler.js';
export { createCsrf, CSRF_FIELD, type Csrf } from './csrf.js';
export {
  entityStatus,
  letterEntity,
  UnknownConnectionError,
  type EntityPair,
  type EntityRoute,
  type EntityStatus,
  type EntityStatusSources,
} from './entity-status.js';
export { entityHref, jobHref } from './links.js';
