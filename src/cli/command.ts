// What every command module exports as `command`; the entry point (./main.ts) loads the modules
// and runs them, so a command imports only this, never the entry point.
export interface Command {
  /** Runs with the arguments after the command name; resolves to the exit code (default 0). */
  run(argv: string[]): Promise<number | undefined>;
}
