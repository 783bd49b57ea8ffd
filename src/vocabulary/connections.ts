// A connection is one network's account on one platform, known by the name the config gives it
// (`main`, `partner-a`; without a config file, the platform's own name). Queues, dead letters,
// budgets, metrics and webhook URLs are per connection.
export type ConnectionName = string;

/** Names go into Redis hash tags, queue names and URLs: lower-case letters, digits and dashes. */
export const CONNECTION_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
