/**
 * Heap soak for the form's server-side validation: a FormKit node tree per step per POST,
 * destroyed deepest-first (forms/form-definition.ts). Validates the worker and employment
 * steps N times (half of them failing, so messages are created too) and reports the heap
 * after a forced GC at each tenth: a tree that leaks shows as a steady climb (the trap in
 * FormKit 2.1.2 was ~40 KB per validation, from children left alive by destroy()).
 *
 *   node --expose-gc --import tsx tests/bench/form-validation-heap.ts [validations=20000]
 */
import { validateStep } from "../../forms/form-definition";
import { employmentStep, workerStep } from "../../forms/universal-form";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const total = Number(process.argv[2] ?? 20_000);
const context = { today: "2026-11-23", answers: {}, employerSeatPostalCode: "3800" };
const worker = { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS1234567", personNumber: "", livesIn: "abroad", visaPost: "belgrade" };
const employment = { category: "highly-qualified", jobTitle: "Engineer", placeOfWorkPostalCode: "3800", contractStart: "2027-02-01", employmentEnd: "", grossAnnualSalary: "60000" };

// FormKit schedules a revalidation with setTimeout(0) that holds its node until it has run:
// a server gets there between requests, so the soak lets timers run before it measures.
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));
const heapAfterGc = async () => {
  await nextTurn();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

// Warm up: module-level caches and JIT, so they do not count as growth.
for (let i = 0; i < 500; i++) await validateStep(workerStep, worker, context);
const start = await heapAfterGc();
const began = performance.now();
const samples: number[] = [];
for (let i = 1; i <= total; i++) {
  const failing = i % 2 === 0;
  await validateStep(workerStep, failing ? { ...worker, birthDate: "1990-02-30", personNumber: "12" } : worker, context);
  await validateStep(employmentStep, failing ? { ...employment, grossAnnualSalary: "1000" } : employment, { ...context, answers: { worker } });
  // Each POST is its own turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  if (i % (total / 10) === 0) samples.push(await heapAfterGc());
}
const elapsed = performance.now() - began;
const end = await heapAfterGc();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(`${total} × (worker + employment) validations in ${(elapsed / 1000).toFixed(1)} s: ${(elapsed / total / 2).toFixed(2)} ms per step`);
console.log(`heap after GC: ${mb(start)} MB before, ${samples.map(mb).join(" → ")} MB, ${mb(end)} MB after`);
console.log(`retained per validation: ${((end - start) / (total * 2)).toFixed(1)} bytes`);
