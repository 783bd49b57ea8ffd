// The console's page registry: every page and action, in navigation order. A new page (pending
// approvals, locks, history, ...) is one file in this folder exporting a ConsolePage, and a line here.
import type { ConsolePage } from '../console-page.js';
import { conflictsPage, resolveConflictAction } from './conflicts.js';
import { deadLettersPage, replayDeadLetterAction } from './dead-letters.js';
import { entityLookupPage, entityPage } from './entities.js';
import { lockAction, locksPage, unlockAction } from './locks.js';
import { overviewPage } from './overview.js';
import { approvePendingAction, pendingPage, rejectPendingAction } from './pending.js';
import { runPage, runsPage } from './runs.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  overviewPage,
  runsPage,
  runPage,
  conflictsPage,
  resolveConflictAction,
  deadLettersPage,
  replayDeadLetterAction,
  pendingPage,
  approvePendingAction,
  rejectPendingAction,
  locksPage,
  lockAction,
  unlockAction,
  entityLookupPage,
  entityPage,
];
