// Just enough HTTP/1.1 response parsing for a load generator: the status,
// where the body ends (Content-Length, chunked, or the connection closing),
// and whether the server will close the connection. Bodies are skipped, not
// kept. Fed whatever the socket delivers; calls `onResponse` per response.

export interface ParsedResponse {
  status: number;
  /** The server said `Connection: close` (or spoke HTTP/1.0 without keep-alive). */
  closes: boolean;
}

type State =
  | { at: 'head' }
  | { at: 'body'; remaining: number }
  | { at: 'chunk-size' }
  | { at: 'chunk-data'; remaining: number }
  | { at: 'trailer' }
  /** No length given: the body runs until the connection closes. */
  | { at: 'until-close' };

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** A response head larger than this is not HTTP we understand. */
const MAX_HEAD = 64 * 1024;

export class Http1ResponseParser {
  #buffer: Buffer = Buffer.alloc(0);
  #state: State = { at: 'head' };
  #current: ParsedResponse | null = null;
  /** In a chunked body, the zero-size chunk was read: trailers follow. */
  #lastChunk = false;

  constructor(private readonly onResponse: (response: ParsedResponse) => void) {}

  /** Throws on bytes that are not an HTTP/1.x response. */
  push(data: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
    while (this.#step());
  }

  /** The connection closed: a body that ran until the close is complete now. */
  end(): void {
    if (this.#state.at === 'until-close') this.#done();
  }

  /** One step of the state machine; false when it needs more bytes. */
  #step(): boolean {
    const state = this.#state;
    switch (state.at) {
      case 'head': {
        const end = this.#buffer.indexOf(HEAD_END);
        if (end < 0) {
          if (this.#buffer.length > MAX_HEAD) throw new Error('response head too large');
          return false;
        }
        this.#head(this.#buffer.toString('latin1', 0, end));
        this.#buffer = this.#buffer.subarray(end + 4);
        return true;
      }
      case 'body':
      case 'chunk-data': {
        const take = Math.min(state.remaining, this.#buffer.length);
        state.remaining -= take;
        this.#buffer = this.#buffer.subarray(take);
        if (state.remaining > 0) return false;
        if (state.at === 'body') this.#done();
        else this.#state = { at: 'trailer' }; // the CRLF after the chunk's data, read as an empty trailer line
        return true;
      }
      case 'chunk-size': {
        const end = this.#buffer.indexOf(CRLF);
        if (end < 0) return false;
        const size = parseInt(this.#buffer.toString('latin1', 0, end), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error('bad chunk size');
        this.#buffer = this.#buffer.subarray(end + 2);
        this.#state = size === 0 ? { at: 'trailer' } : { at: 'chunk-data', remaining: size };
        if (size === 0) this.#lastChunk = true;
        return true;
      }
      case 'trailer': {
        const end = this.#buffer.indexOf(CRLF);
        if (end < 0) return false;
        this.#buffer = this.#buffer.subarray(end + 2);
        // After data: back to the next chunk's size. After the last chunk: trailers until an empty line.
        if (!this.#lastChunk) this.#state = { at: 'chunk-size' };
        else if (end === 0) this.#done();
        return true;
      }
      case 'until-close':
        this.#buffer = Buffer.alloc(0);
        return false;
    }
  }

  #head(head: string): void {
    const lines = head.split('\r\n');
    const status = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '');
    if (!status) throw new Error(`not an HTTP/1.x response: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`);
    let length: number | null = null;
    let chunked = false;
    let connection = '';
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.split(',').some((v) => v.trim() === 'chunked');
      else if (name === 'connection') connection = value;
    }
    const code = Number(status[2]);
    const http10 = status[1] === '0';
    this.#current = { status: code, closes: connection.includes('close') || (http10 && !connection.includes('keep-alive')) };
    this.#lastChunk = false;
    // 1xx, 204 and 304 have no body whatever the headers say.
    if (code < 200 || code === 204 || code === 304) this.#done();
    else if (chunked) this.#state = { at: 'chunk-size' };
    else if (length === 0) this.#done();
    else if (length !== null && Number.isFinite(length)) this.#state = { at: 'body', remaining: length };
    else this.#state = { at: 'until-close' };
  }

  #done(): void {
    const response = this.#current;
    this.#state = { at: 'head' };
    this.#current = null;
    if (response && response.status >= 200) this.onResponse(response);
  }
}
