// What every bench script shares for its output: a clock-stamped log, a failure that says what
// could not be done, and sleeping.

export class BenchError extends Error {}

const started = Date.now();

/** Seconds since the script started. */
export const elapsed = () => (Date.now() - started) / 1000;

export function log(line) {
  console.log(`[${elapsed().toFixed(1).padStart(6)}s] ${line}`);
}

export function fail(message) {
  throw new BenchError(message);
}

export const sleep = (t) => new Promise((r) => setTimeout(r, t));

export const ms = (x) => `${x.toFixed(1)} ms`;
