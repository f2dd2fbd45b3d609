// The layout rule Biome cannot state (biome.jsonc states the import rules): the SQL lives in
// src/storage/, beside migrations/, one module per group of tables, and nowhere else in src/ or web/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

// The opening of an SQL statement in a string (the API's own words, like the DELETE method, are
// not SQL), or a D1 call or type.
const STATEMENT = /\b(SELECT\s+[\w*]|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX)\b)/;
const D1 = /\.(prepare|batch)\s*[<(]|\bD1[A-Z]\w*/;
const text = (file: string) => readFileSync(join(root, file), "utf8");

describe("layout", () => {
  it("SQL only in src/storage/", () => {
    const files = [...sources("src"), ...sources("web/src")];
    const storage = files.filter((f) => f.startsWith("src/storage/"));
    expect(storage.length).toBeGreaterThan(0);
    expect(storage.filter((f) => !STATEMENT.test(text(f)) || !D1.test(text(f)))).toEqual([]); // the patterns still see it there
    expect(files.filter((f) => !f.startsWith("src/storage/") && (STATEMENT.test(text(f)) || D1.test(text(f))))).toEqual([]);
  });
});
