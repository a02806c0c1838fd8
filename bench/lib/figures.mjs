// Figures as data: every bench script keeps what it prints also as
// { key, name, value, unit, target, lower_is_better, note }, and with `--json FILE` writes them
// there for `bench/run`'s table. `key` is stable across runs (it is how a run finds the previous
// run's figure); `name` is what a person reads; `target` is null when none was set.
import { writeFileSync } from "node:fs";

/** The value of `--json FILE` or `--json=FILE`, or null. */
export function jsonOption(argv = process.argv) {
  const i = argv.indexOf("--json");
  if (i > 0 && argv[i + 1]) return argv[i + 1];
  return argv.find((a) => a.startsWith("--json="))?.slice("--json=".length) ?? null;
}

export class Figures {
  constructor(script) {
    this.script = script;
    this.list = [];
  }

  /** Adds one figure; answers it. */
  add({ key, name, value, unit, target = null, lowerIsBetter = true, note = "" }) {
    const f = { key, name, value, unit, target, lower_is_better: lowerIsBetter, note };
    this.list.push(f);
    return f;
  }

  /** Writes them to `file` when one is given (`--json`). */
  write(file = jsonOption()) {
    if (!file) return;
    writeFileSync(file, JSON.stringify({ script: this.script, figures: this.list }, null, 2) + "\n");
  }
}
