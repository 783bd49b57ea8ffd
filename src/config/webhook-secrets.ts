// Each connection may sign its webhooks with a secret of its own, so a sender holding one
// connection's secret cannot trigger syncs on another. Where a connection's secret comes from,
// first found wins: the config file's `webhook_secret_env`, then `WEBHOOK_SECRET_<CONNECTION>`
// (the name upper-cased, `-` as `_`: `partner-a` reads `WEBHOOK_SECRET_PARTNER_A`), then the
// deployment-wide `WEBHOOK_SECRET` (Config.webhookSecret, applied where the secret is used).
import type { ConnectionConfig } from './connections.js';

/** `WEBHOOK_SECRET_PARTNER_A` for `partner-a`. */
export function webhookSecretVariable(connection: string): string {
  return `WEBHOOK_SECRET_${connection.toUpperCase().replace(/-/g, '_')}`;
}

/** The connections, each with the secret its own variable names when the file named none. */
export function withConnectionWebhookSecrets(
  connections: Readonly<Record<string, ConnectionConfig>>,
  env: NodeJS.ProcessEnv,
): Record<string, ConnectionConfig> {
  return Object.fromEntries(
    Object.entries(connections).map(([name, connection]) => {
      const own = env[webhookSecretVariable(name)]?.trim();
      return [
        name,
        connection.webhookSecret === undefined && own
          ? { ...connection, webhookSecret: own }
          : connection,
      ];
    }),
  );
}
