// Small shared toolkit for every `reasonless` command: a declarative flag parser (long and short
// forms, typed values, one-line errors), the --help text built from the same declaration, and a
// stderr progress bar that stays silent unless stderr is a terminal or the user asks for it.

/** Bad command-line input: main prints `reasonless <command>: <message>` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type FlagType = "string" | "int" | "number" | "boolean" | "choice";

export interface FlagSpec {
  /** Long name without dashes, e.g. "rows"; the parsed value is stored under this key. */
  name: string;
  short?: string;
  /** Other long names accepted for this flag (e.g. "mode" for "split"). */
  aliases?: string[];
  type: FlagType;
  description: string;
  /** Placeholder in the help text, e.g. "N". */
  value?: string;
  choices?: readonly string[];
  default?: string | number | boolean;
  required?: boolean;
  min?: number;
  max?: number;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Longer text under the usage line. */
  description?: string;
  flags: FlagSpec[];
  /** Name of the positional arguments in the usage line; without it positionals are refused. */
  positionals?: string;
  examples?: string[];
}

export type FlagValue = string | number | boolean;
export interface ParsedArgs {
  flags: Record<string, FlagValue | undefined>;
  positionals: string[];
  help: boolean;
}

const HELP: FlagSpec = { name: "help", short: "h", type: "boolean", description: "show this help" };

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const f of [...spec.flags, HELP]) {
    byName.set(f.name, f);
    for (const a of f.aliases ?? []) byName.set(a, f);
    if (f.short) byShort.set(f.short, f);
  }

  const flags: Record<string, FlagValue | undefined> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const eq = arg.indexOf("=");
    const key = arg.slice(long ? 2 : 1, eq < 0 ? undefined : eq);
    let inline = eq < 0 ? undefined : arg.slice(eq + 1);
    let flag = long ? byName.get(key) : byShort.get(key);
    let negated = false;
    if (!flag && long && key.startsWith("no-")) {
      const base = byName.get(key.slice(3));
      if (base?.type === "boolean" && inline === undefined) {
        flag = base;
        negated = true;
      }
    }
    if (!flag) throw new UsageError(`unknown flag ${long ? "--" : "-"}${key}${suggest(key, [...byName.keys()])}`);
    const shown = `--${flag.name}`;
    if (flag === HELP) {
      help = true;
      continue;
    }
    if (flag.type === "boolean") {
      if (negated) flags[flag.name] = false;
      else if (inline === undefined) flags[flag.name] = true;
      else if (inline === "true" || inline === "false") flags[flag.name] = inline === "true";
      else throw new UsageError(`${shown} takes no value or true/false, got "${inline}"`);
      continue;
    }
    if (inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && next !== "-" && !/^-\d/.test(next))) {
        throw new UsageError(`${shown} needs a value${flag.value ? ` (${flag.value})` : ""}`);
      }
      inline = next;
      i++;
    }
    flags[flag.name] = convert(flag, inline);
  }

  if (!help) {
    for (const f of spec.flags) {
      if (flags[f.name] === undefined && f.default !== undefined) flags[f.name] = f.default;
      if (f.required && flags[f.name] === undefined) throw new UsageError(`--${f.name} is required`);
    }
    if (positionals.length && !spec.positionals) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  }
  return { flags, positionals, help };
}

function convert(flag: FlagSpec, raw: string): FlagValue {
  const shown = `--${flag.name}`;
  switch (flag.type) {
    case "string":
      return raw;
    case "choice":
      if (!flag.choices?.includes(raw)) {
        throw new UsageError(`${shown} must be one of ${flag.choices?.join(", ")}; got "${raw}"`);
      }
      return raw;
    case "int": {
      const n = Number(raw);
      if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${shown} must be an integer, got "${raw}"`);
      return inRange(flag, n);
    }
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${shown} must be a number, got "${raw}"`);
      return inRange(flag, n);
    }
    default:
      return raw;
  }
}

function inRange(flag: FlagSpec, n: number): number {
  const lo = flag.min ?? -Infinity,
    hi = flag.max ?? Infinity;
  if (n < lo || n > hi) {
    const range = flag.max === undefined ? `at least ${lo}` : flag.min === undefined ? `at most ${hi}` : `from ${lo} to ${hi}`;
    throw new UsageError(`--${flag.name} must be ${range}, got ${n}`);
  }
  return n;
}

// " (did you mean --rows?)" for a near miss, else "".
function suggest(key: string, names: string[]): string {
  let best = "",
    bestD = 3;
  for (const n of names) {
    const d = distance(key, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best ? ` (did you mean --${best}?)` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The --help text of a command, from its declaration. */
export function helpText(spec: CommandSpec): string {
  const lines = [`Usage: reasonless ${spec.name} [options]${spec.positionals ? ` [${spec.positionals}...]` : ""}`, ""];
  lines.push(spec.description ?? spec.summary, "", "Options:");
  const rows = [...spec.flags, HELP].map((f) => {
    const names = [f.short ? `-${f.short}, ` : "    ", `--${f.name}`].join("");
    const value = f.type === "boolean" ? "" : ` <${f.value ?? (f.type === "choice" ? f.choices?.join("|") : f.type)}>`;
    const notes: string[] = [];
    if (f.aliases?.length) notes.push(`alias ${f.aliases.map((a) => `--${a}`).join(", ")}`);
    if (f.required) notes.push("required");
    else if (f.default !== undefined) notes.push(`default ${f.default}`);
    return [names + value, f.description + (notes.length ? ` (${notes.join("; ")})` : "")];
  });
  const width = Math.min(32, Math.max(...rows.map((r) => r[0].length)) + 2);
  for (const [left, right] of rows) {
    lines.push(left.length + 2 > width ? `  ${left}\n  ${" ".repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`);
  }
  if (spec.examples?.length) lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n") + "\n";
}

export interface ProgressOptions {
  total: number;
  label: string;
  /** true: always draw; false: never; undefined: draw only when the stream is a terminal. */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
  /** Wait this long before the first frame, so short runs print nothing (ms). */
  delayMs?: number;
}

export interface Progress {
  /** Report `done` items finished so far (cheap to call per item). */
  update(done: number): void;
  /** Final frame and newline, if anything was drawn. */
  finish(): void;
}

/** A one-line stderr progress bar: `label [#####.....]  42% 4200/10000 3.1k/s ETA 2s`. */
export function progressBar(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = opts.enabled ?? Boolean(stream.isTTY);
  const start = Date.now();
  const delay = opts.delayMs ?? (opts.enabled ? 0 : 500);
  let last = 0,
    drawn = false,
    done = 0;
  const draw = (now: number) => {
    const total = Math.max(opts.total, 1);
    const frac = Math.min(done / total, 1);
    const width = 30,
      filled = Math.floor(frac * width);
    const secs = Math.max((now - start) / 1000, 1e-3);
    const rate = done / secs;
    const eta = rate > 0 ? Math.ceil((opts.total - done) / rate) : 0;
    const bar = "#".repeat(filled) + ".".repeat(width - filled);
    stream.write(`\r${opts.label} [${bar}] ${String(Math.floor(frac * 100)).padStart(3)}% ${done}/${opts.total} ${human(rate)}/s ETA ${eta}s\x1b[K`);
    drawn = true;
    last = now;
  };
  return {
    update(n: number) {
      done = n;
      if (!enabled) return;
      const now = Date.now();
      if (now - start >= delay && now - last >= 100) draw(now);
    },
    finish() {
      if (!enabled || !drawn) return;
      draw(Date.now());
      stream.write("\n");
    },
  };
}

function human(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}
