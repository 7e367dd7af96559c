// `npm run db:migrate`: brings the database (DATABASE_URL, else the embedded one) to the latest schema.
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";

const db = databaseFromEnv();
try {
  await migrateToLatest(db, (message) => console.log(message));
  console.log("Database is at the latest schema.");
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
