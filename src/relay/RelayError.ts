/** A refusal with an API error code and HTTP status, raised by operations the HTTP API and the CLI share. */
export class RelayError extends Error {
  override name = 'RelayError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): RelayError => new RelayError(404, 'not_found', `${what} not found`);
export const forbidden = (message: string): RelayError => new RelayError(403, 'forbidden', message);
export const conflict = (message: string): RelayError => new RelayError(409, 'conflict', message);
export const badRequest = (message: string): RelayError => new RelayError(400, 'bad_request', message);
