// Which version of the platform contract the end-to-end suites' sandboxes answer in. The suites
// run twice (vitest.config.ts): once as the sandboxes answer by default (v2), once with
// SANDBOX_ANSWERS=v1, so the whole pipeline is proven against both versions' answers.
export type SandboxAnswers = 'v1' | 'v2';

export function sandboxAnswers(): { answers?: SandboxAnswers } {
  const chosen = process.env.SANDBOX_ANSWERS;
  if (chosen === undefined || chosen === '') return {};
  if (chosen !== 'v1' && chosen !== 'v2') {
    throw new Error(`SANDBOX_ANSWERS: expected v1 or v2, got ${JSON.stringify(chosen)}`);
  }
  return { answers: chosen };
}
