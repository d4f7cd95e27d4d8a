// One agent of bench/agents.bench.ts, in its own process as on its own
// machine: connects, says "ready", waits for a line on stdin, then claims and
// finishes jobs from the shared queue until none is left, and says how many.
import { connectPg } from '../../src/engine/store/postgres/open-pg-store.js';
import { PgJobQueue } from '../../src/engine/store/postgres/pg-job-queue.js';

const [url = '', agent = 'agent'] = process.argv.slice(2);
const { sql } = await connectPg(url, { maxConnections: 2 });
// keepFinished as perflab runs it (200): finishing a job also forgets the oldest finished ones.
const queue = new PgJobQueue(sql, { agent, machine: 'bench-box', kinds: ['noop'] });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy(); // else the open pipe keeps this process alive at the end
let taken = 0;
for (let job = await queue.claim(); job; job = await queue.claim()) {
  await queue.finish(job.id, 'done');
  taken++;
}
process.stdout.write(`done ${taken}\n`);
await sql.end();
