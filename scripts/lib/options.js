// Command-line options for the Node tools in scripts/: one declaration per script gives typed,
// checked values and the --help text, so a typo or a bad number stops the script with one line
// (exit 2) instead of letting NaN or a silently ignored option run a long benchmark.
//
//   const { values } = parseOptions("bench-eval", {
//     usage: "Usage: node scripts/bench-eval.js [options]\n\nWhat it does.",
//     options: { count: { type: "int", default: 32, min: 1, value: "N", help: "prompts to decode" } },
//     examples: ["npm run bench:eval -- --count 8"],
//   });
//
// Spec fields: usage (the help text above the options), options, examples, positionals (their
// placeholder, e.g. "FILE"; without it a positional argument is refused). Option fields: type
// ("string" | "int" | "number" | "boolean"), default, short (one letter), min / max (int,
// number), choices (string), value (placeholder in the help), help (one line).
// `--name value` and `--name=value` both work. A value may start with a dash followed by a digit
// (`--count -3` reaches the min check and is reported as such), not by a letter (`--url --json`).
import { parseArgs } from "node:util";

/** Bad command-line input; parseOptions prints it as `<script>: <message> (see --help)`. */
export class OptionError extends Error {}

const HELP = { type: "boolean", short: "h", help: "show this help" };

/**
 * Parses argv (default: this process's arguments) against the declaration. On --help prints the
 * usage to stdout and exits 0; on bad input prints one line to stderr and exits 2.
 * Returns { values, positionals }, values keyed by the long option names, defaults filled in.
 */
export function parseOptions(script, spec, argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = readOptions(spec, argv);
  } catch (err) {
    if (!(err instanceof OptionError)) throw err;
    process.stderr.write(`${script}: ${err.message} (see --help)\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** parseOptions without the printing and exiting: returns { help, values, positionals } or throws OptionError. */
export function readOptions(spec, argv) {
  const options = { ...spec.options, help: HELP };
  // Not strict: strict mode refuses a value that starts with a dash ("ambiguous") and words its
  // errors over several lines. The checks strict mode makes are done below on the tokens instead.
  /** @type {import("node:util").ParseArgsConfig["options"]} */
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      {
        type: o.type === "boolean" ? "boolean" : "string",
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  );
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === "option" && t.name === "help")) return { help: true, values: {}, positionals: [] };

  const values = {},
    positionals = [];
  for (const t of tokens) {
    if (t.kind === "positional") {
      if (!spec.positionals) throw new OptionError(`unexpected argument "${t.value}"`);
      positionals.push(t.value);
    }
    if (t.kind !== "option") continue;
    const o = options[t.name];
    if (!o) throw new OptionError(`unknown option ${t.rawName}`);
    if (o.type === "boolean") {
      if (t.value !== undefined) throw new OptionError(`--${t.name} takes no value, got "${t.value}"`);
      values[t.name] = true;
    } else {
      // `--url --json` is a forgotten value, not a URL; `--count -3` is a (refused) number.
      if (t.value === undefined || (t.inlineValue === false && /^-[^\d.]/.test(t.value))) {
        throw new OptionError(`--${t.name} needs a value${o.value ? ` <${o.value}>` : ""}`);
      }
      values[t.name] = convert(t.name, o, t.value);
    }
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (values[name] === undefined) values[name] = o.type === "boolean" ? (o.default ?? false) : o.default;
  }
  return { help: false, values, positionals };
}

function convert(name, o, raw) {
  if (o.type === "string") {
    if (o.choices && !o.choices.includes(raw)) throw new OptionError(`--${name} must be one of ${o.choices.join(", ")}, got "${raw}"`);
    return raw;
  }
  const n = Number(raw);
  const ok = o.type === "int" ? /^[+-]?\d+$/.test(raw.trim()) && Number.isSafeInteger(n) : raw.trim() !== "" && Number.isFinite(n);
  if (!ok || n < (o.min ?? -Infinity) || n > (o.max ?? Infinity)) throw new OptionError(`--${name} must be ${expected(o)}, got "${raw}"`);
  return n;
}

// "an integer >= 1", "a number from 0 to 1", ...
function expected(o) {
  const kind = o.type === "int" ? "an integer" : "a number";
  if (o.min !== undefined && o.max !== undefined) return `${kind} from ${o.min} to ${o.max}`;
  if (o.min !== undefined) return `${kind} >= ${o.min}`;
  if (o.max !== undefined) return `${kind} <= ${o.max}`;
  return kind;
}

/** The --help text: the script's usage paragraph, its options with their defaults, examples. */
export function helpText(spec) {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const value = o.type === "boolean" ? "" : ` <${o.value ?? (o.choices ? o.choices.join("|") : o.type === "string" ? "value" : "N")}>`;
    const shown = o.type === "boolean" ? undefined : o.default;
    return [`${o.short ? `-${o.short}, ` : "    "}--${name}${value}`, `${o.help ?? ""}${shown !== undefined ? ` (default ${shown})` : ""}`];
  });
  // A long option name gets its description on the next line rather than widening every row.
  const width = Math.min(30, Math.max(...rows.map(([left]) => left.length)) + 2);
  const row = ([left, right]) => (left.length + 2 > width ? `  ${left}\n  ${" ".repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`);
  const lines = [spec.usage.trimEnd(), "", "Options:", ...rows.map(row)];
  if (spec.examples?.length) lines.push("", spec.examples.length > 1 ? "Examples:" : "Example:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n") + "\n";
}
