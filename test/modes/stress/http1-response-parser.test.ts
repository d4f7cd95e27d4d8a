import { describe, expect, it } from 'vitest';
import { Http1ResponseParser, type ParsedResponse } from '../../../src/modes/stress/http1-response-parser.js';

function parse(chunks: string[], end = false): ParsedResponse[] {
  const seen: ParsedResponse[] = [];
  const parser = new Http1ResponseParser((r) => seen.push(r));
  for (const c of chunks) parser.push(Buffer.from(c, 'latin1'));
  if (end) parser.end();
  return seen;
}

const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';

describe('Http1ResponseParser', () => {
  it('reads back-to-back responses delimited by Content-Length', () => {
    expect(parse([ok + ok.replace('200 OK', '503 Busy')])).toEqual([
      { status: 200, closes: false },
      { status: 503, closes: false },
    ]);
  });

  it('reads a response split at every byte', () => {
    expect(parse([...(ok + chunked)])).toEqual([
      { status: 200, closes: false },
      { status: 200, closes: false },
    ]);
  });

  it('reads chunked bodies, with trailers', () => {
    const withTrailer = chunked.replace('0\r\n\r\n', '0\r\nX-Checksum: 1\r\n\r\n');
    expect(parse([chunked, withTrailer])).toHaveLength(2);
  });

  it('knows 204 and 304 have no body, and skips 100 Continue', () => {
    expect(parse(['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n', ok]).map((r) => r.status)).toEqual([204, 200]);
  });

  it('ends a body without a length when the connection closes, and notes the close', () => {
    const closing = 'HTTP/1.0 200 OK\r\n\r\nuntil the end';
    expect(parse([closing])).toEqual([]);
    expect(parse([closing], true)).toEqual([{ status: 200, closes: true }]);
    expect(parse(['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'])).toEqual([{ status: 200, closes: true }]);
  });

  it('refuses bytes that are not an HTTP/1.x response', () => {
    expect(() => parse(['SSH-2.0-OpenSSH\r\n\r\n'])).toThrow('not an HTTP/1.x response');
  });
});
