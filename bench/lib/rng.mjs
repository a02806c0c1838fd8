// A seeded random source for the drills (issue 23 points 3 and 4): every random moment and
// fault is drawn from it, so a run is repeated with its printed seed (the browser's own timing
// still varies from run to run, so a repeat draws the same choices, not the same instants).

/** mulberry32: small, fast, good enough to pick moments and faults. */
export function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    /** A number in [0, 1). */
    next,
    /** A number in [from, to). */
    between: (from, to) => from + next() * (to - from),
    /** True with probability `p`. */
    chance: (p) => next() < p,
  };
}

/** `--seed N` from the command line, or a new one. */
export function seedOption(argv = process.argv) {
  const i = argv.indexOf("--seed");
  const given = i > 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--seed="))?.slice(7);
  if (given == null) return Math.floor(Math.random() * 2 ** 31);
  const n = Number(given);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--seed takes a whole number, not “${given}”`);
  return n;
}
