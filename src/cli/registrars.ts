// Every command the CLI knows. Add a command by writing commands/<name>.ts and listing it here.
import type { CommandRegistrar } from './program.js';
import { registerDlqCommands } from './commands/dlq.js';
import { registerMappingsCommands } from './commands/mappings.js';
import { registerConflictsCommands } from './commands/conflicts.js';
import { registerConnectionsCommand } from './commands/connections.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerStartCommands } from './commands/start.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerReconcileCommand } from './commands/reconcile.js';
import { registerStatusCommands } from './commands/status.js';
import { registerLockCommands } from './commands/locks.js';
import { registerPendingCommands } from './commands/pending.js';
import { registerRevertCommand } from './commands/revert.js';

export const registrars: CommandRegistrar[] = [
  registerStartCommands,
  registerSyncCommand,
  registerConnectionsCommand,
  registerDoctorCommand,
  registerSandboxCommand,
  registerConflictsCommands,
  registerDlqCommands,
  registerMappingsCommands,
];
registrars.push(registerReconcileCommand);
registrars.push(
  registerStatusCommands,
  registerLockCommands,
  registerPendingCommands,
  registerRevertCommand,
);
