#!/usr/bin/env node
// Typechecks assembly/ with TypeScript against AssemblyScript's own declarations
// (assembly/tsconfig.json extends assemblyscript/std/assembly.json). asc checks the engine only as
// far as the code it compiles is reachable; tsc checks every file. TypeScript knows no decorators
// on plain functions, which AssemblyScript uses for `@inline`, so that one diagnostic (TS1206) is
// dropped; every other error counts.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseOptions } from "./lib/options.js";

parseOptions("typecheck-assembly", {
  usage: `Usage: node scripts/typecheck-assembly.js   (part of npm run typecheck)

Typechecks assembly/ with tsc and AssemblyScript's declarations, ignoring only TS1206
("Decorators are not valid here", AssemblyScript's @inline on functions). Exit 1 on any other error.`,
  options: {},
});

const DECORATOR_ON_FUNCTION = 1206;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const configPath = join(root, "assembly", "tsconfig.json");
const config = ts.getParsedCommandLineOfConfigFile(
  configPath,
  { noEmit: true },
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
if (!config) throw new Error(`cannot read ${configPath}`);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...config.errors].filter((d) => d.code !== DECORATOR_ON_FUNCTION);
const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
if (diagnostics.length) {
  process.stderr.write(ts.formatDiagnostics(diagnostics, host));
  process.stderr.write(`typecheck-assembly: ${diagnostics.length} error(s) in assembly/\n`);
  process.exit(1);
}
process.stdout.write(`typecheck-assembly: ${config.fileNames.length} files, no errors\n`);
