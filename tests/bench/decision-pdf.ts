// Time to render a decision PDF (annex 46, subset fonts), warm, in one process.
// Usage: npx tsx tests/bench/decision-pdf.ts [count]
import { renderDecisionPdf } from "../../app/delivery/decision-pdf.server";

const count = Number(process.argv[2] ?? 50);
const document = {
  type: "46" as const,
  language: "nl" as const,
  reference: "SP-2026-000042",
  issuedOn: "2026-11-22",
  authority: "flanders",
  category: "highly-qualified",
  job: "Lasser",
  placeOfWork: "2030",
  validFrom: "2026-11-22",
  validUntil: "2029-11-21",
  worker: { name: "Văn An Nguyễn", nationality: "VN", birthDate: "1985-11-02", personNumber: "85.11.02-203.45" },
  employer: { name: "Šimić & Øyvind Müller BV", enterpriseNumber: "0412.345.678" },
  reasons: null,
  verification: { code: "ABCD-EFGH-JKMN-PQRS-TVWX", url: "http://localhost:3000/verify/ABCD-EFGH-JKMN-PQRS-TVWX" },
};

let started = performance.now();
const first = await renderDecisionPdf(document);
const cold = performance.now() - started;
started = performance.now();
for (let i = 0; i < count; i++) await renderDecisionPdf(document);
const warm = (performance.now() - started) / count;
console.log(`decision PDF: first ${cold.toFixed(0)} ms, then ${warm.toFixed(1)} ms each over ${count}; ${(first.length / 1024).toFixed(1)} KB`);
