// What `defineSuite` validates with inside a worker: nothing. The main
// thread validated this very suite when it listed it (list-suites.ts), and
// zod is the largest part of starting a worker, so workers do without it.
// engine/compile/bundle-module.ts swaps this file in for validate-suite.ts.

export function validateSuite(_definition: unknown): void {
  // validated in the main thread
}
