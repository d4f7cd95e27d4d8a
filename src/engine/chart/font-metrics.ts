// How wide a string is in a TrueType font, read from the font file itself
// (cmap format 4 for the character → glyph map, hmtx for advance widths).
// vega lays text out before anything is drawn; without a canvas it guesses
// 0.8 em per character, about a third too wide for DejaVu Sans, which pushed
// titles off the top of long-axis charts and wasted room at every label.
// Kerning is ignored: it moves Latin text by well under 1%.

/** Advance width of `text` at `fontSize` px, in px. */
export type TextWidth = (text: string, fontSize: number) => number;

interface Tables {
  unitsPerEm: number;
  advances: number[];
  glyphOf: (codePoint: number) => number;
}

/** Width function for a TrueType font's bytes; throws on a file that is not one (shipped fonts only). */
export function readFontMetrics(bytes: Uint8Array): TextWidth {
  const { unitsPerEm, advances, glyphOf } = readTables(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const cache = new Map<number, number>(); // code point → advance, em
  const emOf = (codePoint: number): number => {
    let em = cache.get(codePoint);
    if (em === undefined) {
      const glyph = glyphOf(codePoint);
      // Glyphs past numberOfHMetrics share the last advance (TrueType hmtx rule).
      em = (advances[Math.min(glyph, advances.length - 1)] ?? 0) / unitsPerEm;
      cache.set(codePoint, em);
    }
    return em;
  };
  return (text, fontSize) => {
    let em = 0;
    for (const char of text) em += emOf(char.codePointAt(0) ?? 0);
    return em * fontSize;
  };
}

function readTables(view: DataView): Tables {
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    tables.set(tag, view.getUint32(at + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`not a TrueType font with a "${tag}" table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const metricsCount = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advances = Array.from({ length: metricsCount }, (_, i) => view.getUint16(hmtx + 4 * i));
  return { unitsPerEm, advances, glyphOf: cmapFormat4(view, table('cmap')) };
}

/** The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4. */
function cmapFormat4(view: DataView, cmap: number): (codePoint: number) => number {
  let subtable: number | undefined;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const offset = cmap + view.getUint32(at + 4);
    if (view.getUint16(offset) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) subtable = offset;
  }
  if (subtable === undefined) throw new Error('no Unicode BMP (format 4) cmap subtable');
  const segments = view.getUint16(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2; // + reservedPad
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (view.getUint16(ends + 2 * s) < codePoint) continue;
      const start = view.getUint16(starts + 2 * s);
      if (start > codePoint) return 0;
      const delta = view.getUint16(deltas + 2 * s);
      const rangeOffsetAt = rangeOffsets + 2 * s;
      const rangeOffset = view.getUint16(rangeOffsetAt);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
