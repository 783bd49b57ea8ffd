// Every command the CLI knows. Add a command by writing commands/<name>.ts and listing it here.
import type { CommandRegistrar } from './program.js';
import { registerDlqCommands } from './commands/dlq.js';
import { registerMappingsCommands } from './commands/mappings.js';

export const registrars: CommandRegistrar[] = [registerDlqCommands, registerMappingsCommands];
