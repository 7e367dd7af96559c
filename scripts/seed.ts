// `npm run db:seed`: demo employers, workers and one identity per role (idempotent).
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../app/demo/seed.server";

const db = databaseFromEnv();
try {
  await migrateToLatest(db);
  const seeded = await seedDemoData(db);
  await seedDemoCase(db);
  console.log(seeded ? "Demo data loaded." : "Demo data already present.");
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
