// The one-time message an action leaves for the page it redirects to (POST-redirect-GET): a
// cookie scoped to the console, read and cleared by the next page.
export const FLASH_COOKIE = 'offer-sync-flash';

export interface Flash {
  tone: 'ok' | 'error';
  message: string;
}

export function setFlashCookie(flash: Flash, path: string): string {
  const value = Buffer.from(JSON.stringify(flash)).toString('base64url');
  return `${FLASH_COOKIE}=${value}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=60`;
}

export function clearFlashCookie(path: string): string {
  return `${FLASH_COOKIE}=; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** The flash in a Cookie header, if a well-formed one is there. */
export function readFlash(cookieHeader: string | undefined): Flash | undefined {
  const value = cookieHeader
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${FLASH_COOKIE}=`))
    ?.slice(FLASH_COOKIE.length + 1);
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { tone, message } = parsed as Record<string, unknown>;
    if ((tone !== 'ok' && tone !== 'error') || typeof message !== 'string') return undefined;
    return { tone, message: message.slice(0, 2000) };
  } catch {
    return undefined;
  }
}
