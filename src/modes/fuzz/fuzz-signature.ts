// The dedupe key of a fuzz finding: error name + normalized message + the top
// frames in the project's own code. Two workers, two runs or two commits that
// hit the same bug produce the same signature, so the team hears about it once.
// Pure: no clock, no file system.
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, sep } from 'node:path';

/** Frames of the project's own code kept in a signature. */
const TOP_FRAMES = 3;
const MAX_MESSAGE = 300;

/** perflab's own fuzz harness (the property wrapper) appears in every stack; it is never the bug. */
const HARNESS_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface SignatureInput {
  caseId: string;
  error: { name: string; message: string; stack: string };
  /** Directory that frames are made relative to, so checkouts in different worktrees agree. */
  root: string;
}

export function fuzzSignature({ caseId, error, root }: SignatureInput): string {
  const frames = projectFrames(error.stack, root).slice(0, TOP_FRAMES);
  // The first line: later lines of assertion messages are diffs of the very values that vary.
  const head = `${error.name}: ${normalizeMessage(error.message.split('\n')[0] ?? '')}`;
  // Without a frame of its own ("Property failed by returning false"), a
  // message says nothing about where: the property itself tells bugs apart.
  return frames.length > 0 ? [head, ...frames].join('\n') : `${caseId}\n${head}`;
}

/** Numbers, hex addresses and quoted values become placeholders; whitespace collapses. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\\n]|\\.)*`/g, '<str>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/-?\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_MESSAGE);
}

/** `fn (path/relative/to/root.ts)` for each V8 stack frame in the project's own code, top first; no line numbers (they move with every edit). */
export function projectFrames(stack: string, root: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const frame = parseFrame(line);
    if (!frame) continue;
    const file = toPath(frame.location);
    if (file === null || !isOwnCode(file)) continue;
    const shown = isAbsolute(file) ? relative(root, file).split(sep).join('/') : file;
    frames.push(`${frame.fn} (${shown})`);
  }
  return frames;
}

function parseFrame(line: string): { fn: string; location: string } | null {
  const m = /^\s*at (?:async )?(?:(.+?) \((.+)\)|(.+))$/.exec(line);
  if (!m) return null;
  const location = (m[2] ?? m[3] ?? '').replace(/:\d+(?::\d+)?$/, '');
  return { fn: m[1] ?? '<anonymous>', location };
}

function toPath(location: string): string | null {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location.replace(/\?.*$/, ''));
    } catch {
      return null;
    }
  }
  if (location.startsWith('node:') || location.startsWith('internal/') || location === 'native' || location === '<anonymous>') return null;
  return location;
}

function isOwnCode(file: string): boolean {
  return !file.split(/[\\/]/).includes('node_modules') && !file.startsWith(HARNESS_DIR);
}
