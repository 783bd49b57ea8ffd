// Job payloads hold references only, but the dashboard shows whatever a job carries, and a
// failure's reason and stack trace carry whatever an error said; this is the second line of
// defence should a key ever slip into one. Three things are hidden:
//   - values under secret-like keys, at any depth: a key whose words (camelCase, snake_case,
//     kebab-case) include auth, pwd, pass, key, bearer, token, secret, credential, cookie,
//     signature, session...;
//   - credentials inside text: `https://user:pass@host`, `?api_key=...&token=...`,
//     `Bearer <token>`, `Basic <base64>`, `password=...`;
//   - the server's absolute paths in stack traces and messages: the working directory becomes
//     `.`, the home directory `~`, so the page says nothing of the host's layout.
import { homedir } from 'node:os';

export const REDACTED = '[redacted]';

/** Words that make a key secret wherever they appear in its name. */
const SECRET_WORDS = new Set([
  'auth',
  'authorization',
  'authentication',
  'pwd',
  'pass',
  'passwd',
  'password',
  'passphrase',
  'key',
  'apikey',
  'bearer',
  'token',
  'secret',
  'credential',
  'credentials',
  'cookie',
  'cookies',
  'signature',
  'sig',
  'session',
  'jwt',
  'otp',
  'pin',
]);

/** Secret-like runs inside a name written without separators (`apikey`, `xapitoken`). */
const SECRET_KEY =
  /api[-_]?key|passw(or)?d|authori[sz]ation|secret|token|credential|bearer|cookie|signature/i;

export { SECRET_KEY };

/** Whether a property or parameter name looks like it holds a secret. */
export function isSecretKey(name: string): boolean {
  if (SECRET_KEY.test(name)) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => SECRET_WORDS.has(word));
}

/** A copy of `value` with every secret-named property replaced and every string cleaned, at any depth. */
export function redactSecrets(value: unknown): unknown {
  return walk(value, new WeakSet());
}

function walk(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : walk(child, seen);
  }
  return copy;
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;
const SECRET_PARAMETER = /([?&;]|\b)([A-Za-z0-9_.-]+)=([^&\s#"'<>]+)/g;
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

/**
 * Text with credentials and absolute paths taken out: what a failure reason, a stack frame or
 * a log line may show.
 */
export function redactText(text: string, roots: PathRoots = defaultRoots()): string {
  let clean = text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(SECRET_PARAMETER, (whole, lead: string, name: string) =>
      isSecretKey(name) ? `${lead}${name}=${REDACTED}` : whole,
    );
  clean = clean.replace(/file:\/\/(?=\/)/g, '');
  for (const [root, shown] of roots) {
    if (root.length > 1) clean = clean.split(root).join(shown);
  }
  return clean;
}

/** Absolute directories and what they are shown as, longest first. */
export type PathRoots = readonly (readonly [string, string])[];

function defaultRoots(): PathRoots {
  const roots: [string, string][] = [[`${process.cwd()}/`, './']];
  const home = homedir();
  if (home && home !== '/') roots.push([`${home}/`, '~/']);
  return roots.sort((a, b) => b[0].length - a[0].length);
}
