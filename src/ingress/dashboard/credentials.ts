// Dashboard login check. Both sides are hashed first so the comparison is constant-time even
// when the lengths differ, and the length of the real password is not leaked by timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface DashboardCredentials {
  user: string;
  password: string;
}

export function credentialsMatch(
  expected: DashboardCredentials,
  user: string,
  password: string,
): boolean {
  // Evaluate both so a wrong user name costs as much time as a wrong password.
  const userOk = sameText(expected.user, user);
  const passwordOk = sameText(expected.password, password);
  return userOk && passwordOk;
}

/** Constant-time equality of a secret and a guess, whatever their lengths. */
export function sameSecret(expected: string, given: string): boolean {
  return sameText(expected, given);
}

function sameText(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
