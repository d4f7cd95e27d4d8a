// Ids that perflab makes start with a UTC time stamp (`newRunId`:
// `20261121T212200Z-3fa9c1`; alerts: `<run id>-<kind>`), which names the month
// their record is most likely in: the stamp's month, else the next one (a
// record timed a moment after its id was made, across a month's end).
const STAMP = /^(\d{4})(\d{2})\d{2}T\d{6}Z-/;

/** The months to look in first for the record with this id; none for ids without a stamp. */
export function monthHint(id: string): string[] {
  const match = STAMP.exec(id);
  if (!match) return [];
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return [];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return [`${match[1]}-${match[2]}`, next];
}
