/** The relay answered with an error (`{ error: { code, message } }`). */
export class RelayError extends Error {
  override readonly name = 'RelayError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The relay could not be reached at all (offline, wrong address, refused). */
export class RelayUnreachableError extends Error {
  override readonly name = 'RelayUnreachableError';
}
