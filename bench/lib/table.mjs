// bench/run's one table: figure | this run | target | previous run | change. Each value is
// shown in its unit; the target says whether it is met; a bytes figure more than 10 % above the
// previous run's is marked as a regression.

/** Bytes figures that grew by more than this are marked. */
export const BYTES_REGRESSION = 0.1;

const group = (n) => Math.round(n).toLocaleString("en");

export function show(value, unit) {
  if (value == null || Number.isNaN(value)) return "—";
  switch (unit) {
    case "bytes":
      return value >= 1024 * 1024 ? `${(value / 2 ** 20).toFixed(1)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
    case "ms":
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
    case "ratio":
      return `${value.toFixed(2)}×`;
    case "score":
      return `${Math.round(value)}`;
    default:
      return `${group(value)} ${unit}`;
  }
}

function target(f) {
  if (f.target == null) return "—";
  const met = f.lower_is_better ? f.value <= f.target : f.value >= f.target;
  return `${f.lower_is_better ? "≤" : "≥"} ${show(f.target, f.unit)} ${met ? "met" : "**missed**"}`;
}

function change(f, prev) {
  if (!prev || prev.value == null || !prev.value || f.value == null) return "";
  const ratio = (f.value - prev.value) / prev.value;
  const pct = `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(1)} %`;
  if (f.unit === "bytes" && ratio > BYTES_REGRESSION) return `${pct} **REGRESSION**`;
  return pct;
}

/** The table as Markdown lines; `previous` maps keys to the previous run's figures. */
export function table(figures, previous) {
  const rows = [["figure", "this run", "target", "previous run", "change"], ["---", "---:", "---", "---:", "---:"]];
  for (const f of figures) {
    const prev = previous.get(f.key);
    rows.push([f.name, f.failed ? `**failed**: ${f.failed}` : show(f.value, f.unit), f.failed ? "" : target(f), prev ? show(prev.value, prev.unit) : "—", f.failed ? "" : change(f, prev)]);
  }
  return rows.map((r) => `| ${r.join(" | ")} |`);
}

/** How many bytes figures regressed. */
export function regressions(figures, previous) {
  return figures.filter((f) => change(f, previous.get(f.key)).includes("REGRESSION")).length;
}
