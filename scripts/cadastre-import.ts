// `npm run cadastre:import -- file.json`: records of other authorities (work cards B/C,
// professional cards, annex 3) into the local cadastre, through its import seam
// (app/inspection/cadastre-import.server.ts). Each bad row is named with what is wrong; the
// good rows are imported all the same. Exit code 1 when any row was refused. On the embedded
// database, stop the portal first: one process at a time.
import { readFileSync } from "node:fs";
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";
import { describeImport, importCadastreBatch } from "../app/inspection/cadastre-import.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run cadastre:import -- <file.json>");
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
const db = databaseFromEnv();
try {
  await migrateToLatest(db);
  const result = await importCadastreBatch(db, text);
  if (!result.ok) {
    console.error(`${file}: ${result.problem}`);
    process.exitCode = 1;
  } else {
    for (const line of describeImport(result.report)) console.log(line);
    if (result.report.refused.length > 0) process.exitCode = 1;
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
