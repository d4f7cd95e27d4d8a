// The piscina task file of the fuzz pool. Workers are reused across tasks of
// a run (a suite is imported once per worker); a hang, an out-of-memory or an
// exit ends the worker and piscina starts a new one.
import { loadSuite } from '../../engine/suite/load-suite.js';
import { parseDuration } from '../../engine/suite/parse-duration.js';
import { buildProperty } from './build-property.js';
import { fuzzProperty, toCaseError } from './fuzz-property.js';
import type { FuzzWorkerReply, FuzzWorkerTask, ListedProperty, PropertySettings } from './fuzz-task.js';
import { replayProperty } from './replay-property.js';

/** One input may take this long before it is a hang, ms. */
export const DEFAULT_INPUT_TIMEOUT_MS = 5000;

export default async function runTask(task: FuzzWorkerTask): Promise<FuzzWorkerReply> {
  try {
    switch (task.type) {
      case 'list':
        return await listProperties(task.file);
      case 'fuzz':
        return { ok: true, type: 'fuzz', reply: await fuzzProperty(task) };
      case 'replay':
        return { ok: true, type: 'replay', reply: await replayProperty(task) };
    }
  } catch (error) {
    return { ok: false, error: toCaseError(error) };
  }
}

async function listProperties(file: string): Promise<FuzzWorkerReply> {
  const suite = await loadSuite(file);
  const properties: ListedProperty[] = [];
  for (const [name, entry] of Object.entries(suite.fuzz ?? {})) {
    const settings: PropertySettings = {
      timeoutMs: entry.timeout === undefined ? DEFAULT_INPUT_TIMEOUT_MS : parseDuration(entry.timeout),
      ...(entry.size ? { size: entry.size } : {}),
    };
    const listed: ListedProperty = { name, settings, ...(entry.budget === undefined ? {} : { budgetMs: parseDuration(entry.budget) }) };
    // Built once here so a factory that throws is reported once, before any worker fuzzes it.
    try {
      await buildProperty(file, name, settings);
    } catch (error) {
      listed.error = toCaseError(error);
    }
    properties.push(listed);
  }
  return { ok: true, type: 'list', suite: suite.name, properties };
}
