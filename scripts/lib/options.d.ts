// Types of options.js, for the TypeScript that imports it (its tests).

export interface OptionSpec {
  type: "string" | "int" | "number" | "boolean";
  default?: string | number | boolean;
  short?: string;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** Placeholder of the value in the help, e.g. "N". */
  value?: string;
  help?: string;
}

export interface OptionsSpec {
  /** The help text above the option list: a usage line and what the script does. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Placeholder of the positional arguments; without it they are refused. */
  positionals?: string;
  examples?: readonly string[];
}

export type OptionValues = Record<string, string | number | boolean | undefined>;

export class OptionError extends Error {}

export function parseOptions(script: string, spec: OptionsSpec, argv?: readonly string[]): { values: OptionValues; positionals: string[] };
export function readOptions(spec: OptionsSpec, argv: readonly string[]): { help: boolean; values: OptionValues; positionals: string[] };
export function helpText(spec: OptionsSpec): string;
