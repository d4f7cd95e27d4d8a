// The canary (DESIGN §5): an A/A reference that never changes, measured in
// every benchmark run. Its code is fixed, so when its timing moves beyond its
// own noise the machine changed, not the code — the run is then marked
// environment-suspect and raises no regression.
// Keep this workload exactly as it is: editing it resets every store's canary history.
import { defineSuite } from '../../engine/suite/define-suite.js';

function canaryWork(): number {
  // Integer mixing (xorshift32) and a small sort: steady CPU and memory traffic.
  let x = 2463534242;
  // ~0.8 ms a call: long enough that it is never batched, so every fresh
  // worker times the same code path (batched short calls came out bimodal).
  const values = new Int32Array(16_384);
  for (let i = 0; i < values.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    values[i] = x;
  }
  values.sort();
  return values[8_192] ?? 0;
}

export default defineSuite({
  name: 'perflab',
  bench: { canary: { fn: canaryWork } },
});
