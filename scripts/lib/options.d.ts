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

/** The value type each option declaration yields: int and number give numbers, boolean gives booleans. */
type ValueOf<O extends OptionSpec> = O["type"] extends "int" | "number" ? number : O["type"] extends "boolean" ? boolean : string;
/** The values of a spec, typed per option (undefined unless it has a default or is a boolean). */
export type ValuesOf<S extends OptionsSpec> = {
  [K in keyof S["options"]]:
    | ValueOf<S["options"][K]>
    | (S["options"][K] extends { default: unknown } ? never : S["options"][K]["type"] extends "boolean" ? never : undefined);
};

export class OptionError extends Error {}

export function parseOptions<const S extends OptionsSpec>(script: string, spec: S, argv?: readonly string[]): { values: ValuesOf<S>; positionals: string[] };
export function readOptions(spec: OptionsSpec, argv: readonly string[]): { help: boolean; values: OptionValues; positionals: string[] };
export function helpText(spec: OptionsSpec): string;
