/** What a route answers; the server writes it (JSON unless body is a Buffer or string). */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export function json(body: unknown, status = 200): HttpAnswer {
  return { status, body };
}
