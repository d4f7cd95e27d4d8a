// A case's chart from the lab's own records, and the charts an alert's thread
// gets: a real store on a temp dir, real rendering; only the notifier (the
// edge to Slack) records instead of posting.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Notifier, PostedMessage } from '../../src/engine/alert/notifier.js';
import type { Alert, Baseline } from '../../src/engine/model.js';
import type { HistoryEntry, Store } from '../../src/engine/store/store.js';
import { caseChartData } from '../../src/lab/case-chart.js';
import { Lab } from '../../src/lab/lab.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';
import { useTempStore } from '../helpers/temp-store.js';

const CASE = 'json/parse 1MB';
const HOUR = 3_600_000; // ms
const START = Date.UTC(2025, 0, 6);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A notifier that keeps what it was asked to post and attach; `attachFails` makes every attachment throw. */
class ChartRecordingNotifier implements Notifier {
  charts: { alertId: string; png: Buffer; title: string }[] = [];
  attachFails = false;
  async post(): Promise<PostedMessage> {
    return { channel: 'C1', ts: '1.000100' };
  }
  async update(): Promise<void> {}
  async attachChart(alert: Alert, _message: PostedMessage, png: Buffer, title: string): Promise<void> {
    if (this.attachFails) throw new Error('files.completeUploadExternal: not_in_channel');
    this.charts.push({ alertId: alert.id, png, title });
  }
}

const temp = useTempStore('perflab-chart-');
let dir: string;
let store: Store;

beforeEach(() => {
  ({ dir, store } = temp);
});

/** `count` hourly runs at 1 ms with ±0.4% alternating noise, 30% slower from run `stepAt` on. */
async function seedStep(count: number, stepAt = Number.POSITIVE_INFINITY) {
  const times = Array.from({ length: count }, (_, i) => START + i * HOUR);
  return seedRuns(store, { machine: 'm', times, cases: { [CASE]: (i) => 1_000_000 * (i >= stepAt ? 1.3 : 1) * (i % 2 ? 1.004 : 0.996) } });
}

const pngWidth = (png: Buffer): number => png.readUInt32BE(16); // IHDR: width right after the chunk's length and type

describe('Lab.caseChart', () => {
  it('draws a PNG 900 px wide of the runs', async () => {
    await seedStep(12);
    const png = await new Lab({ store, machine: 'm', suitesDir: dir }).caseChart(CASE, { format: 'png' });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngWidth(png)).toBe(900);
  });

  it('names the case and labels the step where the level moved', async () => {
    await seedStep(24, 12);
    const svg = await new Lab({ store, machine: 'm', suitesDir: dir }).caseChart(CASE, { format: 'svg' });
    expect(svg).toContain(CASE);
    expect(svg).toMatch(/\+30\.\d%/);
  });

  it('says so when a case has only one run', async () => {
    await seedStep(1);
    const svg = await new Lab({ store, machine: 'm', suitesDir: dir }).caseChart(CASE, { format: 'svg' });
    expect(svg).toContain('only one run so far');
  });
});

describe('caseChartData', () => {
  const entry = (i: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({ runId: `r${i}`, commit: `c${i}`, machine: 'm', at: new Date(START + i * HOUR).toISOString(), state: 'ok', median: 200, cv: 0.05, n: 30, unit: 'ns', inWindow: true, ...overrides });
  const baseline: Baseline = { caseId: CASE, machine: 'm', runId: 'r0', commit: 'c0', median: 200, unit: 'ns', acceptedBy: 'slack:U1', acceptedAt: entry(0).at, reason: 'first' };
  const alertOn = (runId: string, caseIds = [CASE]): Alert => ({ id: `a-${runId}`, runId, commit: null, kind: 'regression', caseIds, state: 'open', createdAt: entry(1).at });

  it('draws each usable run with a noise band of median × (1 ± cv), leaving errored runs out', () => {
    const data = caseChartData({ caseId: CASE, entries: [entry(0), entry(1, { state: 'errored', median: undefined }), entry(2, { cv: undefined })], baselines: [], alerts: [], direction: 'lower' });
    expect(data.points.map((p) => [p.runId, p.low, p.high])).toEqual([
      ['r0', 190, 210],
      ['r2', undefined, undefined],
    ]);
    expect(data.unit).toBe('ns');
  });

  it('draws no band for a run whose samples spread beyond its median (cv ≥ 1): it would flatten the trend and say nothing', () => {
    const data = caseChartData({ caseId: CASE, entries: [entry(0, { cv: 0.75 }), entry(1, { cv: 1 }), entry(2, { cv: 4.2 })], baselines: [], alerts: [], direction: 'lower' });
    expect(data.points.map((p) => [p.runId, p.low, p.high])).toEqual([
      ['r0', 50, 350],
      ['r1', undefined, undefined],
      ['r2', undefined, undefined],
    ]);
  });

  it('keeps who accepted each baseline, and only the alerts about this case on a drawn run', () => {
    const alerts = [alertOn('r1'), alertOn('r1', ['other/case']), alertOn('r-long-ago')];
    const data = caseChartData({ caseId: CASE, entries: [entry(0), entry(1)], baselines: [baseline], alerts, direction: 'lower' });
    expect(data.baselines).toEqual([{ at: baseline.acceptedAt, median: 200, acceptedBy: 'slack:U1', commit: 'c0' }]);
    expect(data.alerts).toEqual([{ at: entry(1).at, runId: 'r1', kind: 'regression', state: 'open' }]);
  });
});

describe("an alert's thread", () => {
  async function postRegression(notifier: Notifier, errors: string[] = [], kind: 'regression' | 'improvement' | 'environment-suspect' = 'regression'): Promise<Alert> {
    const runs = await seedStep(16, 10);
    await seedBaselines(store, runs[0]!, [CASE]);
    const alert: Alert = { id: 'a-1', runId: runs[10]!.id, commit: runs[10]!.commit, kind, caseIds: [CASE], state: 'open', createdAt: runs[10]!.startedAt };
    await store.addAlert(alert);
    const lab = new Lab({ store, machine: 'm', suitesDir: dir, notifier, onError: (context) => errors.push(context) });
    await lab.postPendingAlerts();
    return alert;
  }

  it("gets the chart of the case's history as a PNG", async () => {
    const notifier = new ChartRecordingNotifier();
    await postRegression(notifier);
    expect(notifier.charts).toHaveLength(1);
    expect(notifier.charts[0]?.title).toBe(`${CASE}: median per run`);
    expect(notifier.charts[0]?.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('keeps the alert posted when the chart cannot be attached, and logs why', async () => {
    const notifier = new ChartRecordingNotifier();
    notifier.attachFails = true;
    const errors: string[] = [];
    const alert = await postRegression(notifier, errors);
    expect((await store.getAlert(alert.id))?.delivery?.state).toBe('posted');
    expect(errors).toEqual([`attaching the chart of ${CASE} to alert a-1`]);
  });

  it('gets no chart when the alert is not about a change in numbers', async () => {
    const notifier = new ChartRecordingNotifier();
    await postRegression(notifier, [], 'environment-suspect');
    expect(notifier.charts).toEqual([]);
  });
});
