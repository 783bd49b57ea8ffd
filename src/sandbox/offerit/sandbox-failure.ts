// What an Offerit sandbox handler throws to answer with a failure envelope and a status.
export class SandboxFailure extends Error {
  override readonly name = 'SandboxFailure';
  constructor(
    /**
     * 400 invalid request, 404 invalid parameter or endpoint, 405 wrong method; bad credentials
     * as the `badCredentials` variant says (401, 403, 400, 404, or 200 with the Failure).
     */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new SandboxFailure(400, message);
export const notFound = (message: string) => new SandboxFailure(404, message);
