import { extname } from 'node:path';

export interface StoredFile {
  id: string;
  name: string;
  /** Bytes announced in files.getUploadURLExternal. */
  length: number;
  altText?: string;
  /** Set once the upload POST arrived. */
  bytes?: Buffer;
  mimetype: string;
  filetype: string;
}

/** Uploaded files: reserved by files.getUploadURLExternal, filled by the upload POST. */
export class FileStore {
  readonly #files = new Map<string, StoredFile>();

  reserve(id: string, name: string, length: number, altText?: string): StoredFile {
    const { mimetype, filetype } = fileTypeOf(name);
    const file: StoredFile = { id, name, length, mimetype, filetype, ...(altText ? { altText } : {}) };
    this.#files.set(id, file);
    return file;
  }

  upload(id: string, bytes: Buffer): boolean {
    const file = this.#files.get(id);
    if (!file) return false;
    file.bytes = bytes;
    return true;
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }
}

const TYPES: Record<string, [mimetype: string, filetype: string]> = {
  '.png': ['image/png', 'png'],
  '.jpg': ['image/jpeg', 'jpg'],
  '.jpeg': ['image/jpeg', 'jpg'],
  '.gif': ['image/gif', 'gif'],
  '.webp': ['image/webp', 'webp'],
  '.svg': ['image/svg+xml', 'svg'],
  '.txt': ['text/plain', 'text'],
  '.log': ['text/plain', 'text'],
  '.md': ['text/plain', 'markdown'],
  '.csv': ['text/csv', 'csv'],
  '.json': ['application/json', 'json'],
  '.html': ['text/plain', 'html'], // never served as a page from this origin
};

function fileTypeOf(name: string): { mimetype: string; filetype: string } {
  const [mimetype, filetype] = TYPES[extname(name).toLowerCase()] ?? ['application/octet-stream', 'binary'];
  return { mimetype, filetype };
}
