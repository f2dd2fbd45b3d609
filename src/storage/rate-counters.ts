// The rate_counters table (migrations/0002_leaderboard.sql): fixed-window counters for the limits
// that need storage (account creation per client address). The window arithmetic and the quota
// it makes are src/http/auth.ts's (countWindow).

/** Counts one more call for `key` in the window that starts at `window` (s since the epoch),
 *  forgets the windows before the previous one, and returns the window's count. */
export async function countInWindow(db: D1Database, key: string, window: number, windowSeconds: number): Promise<number> {
  const [, counted] = await db.batch<{ count: number }>([
    db.prepare("DELETE FROM rate_counters WHERE window < ?").bind(window - windowSeconds),
    db
      .prepare("INSERT INTO rate_counters (key, window, count) VALUES (?, ?, 1) ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count")
      .bind(key, window),
  ]);
  return counted.results[0]?.count ?? 1;
}
