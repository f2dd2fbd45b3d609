// Runs before each test file inside workerd: the D1 schema, as `npm start` applies it.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
