// `npm run bench:scale`: the portal at national scale on PostgreSQL (issue 16).
//
// Creates a fresh database next to DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// seeds it with set-based SQL (1,000,000 cases, 570,000 permits, 5,000,000 cadastre records,
// 1.3 M delivered and 100,000 pending outbox rows; SCALE=0.05 for a twentieth), then measures
// through the portal's own service functions: every queue view of every authority, the officer's
// case page, every cadastre key, both notice sweeps and the deadline sweep, the outbox drain with
// one and two worker processes, and a case command's cost before and after the scale indexes.
// Prints a table, writes bench-results/scale.json, and drops its database.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CompiledQuery, sql } from "kysely";
import { applyCaseCommand, sweepDeadlines } from "../../app/cases/case-commands.server";
import { officerCasePage } from "../../app/cases/case-view.server";
import { DEFAULT_FILTERS, officerQueue, parseCursor, QUEUE_PAGE, queueQueryOf, type QueueFilters } from "../../app/cases/officer-queue.server";
import { queuePage } from "../../app/cases/cases.repository";
import { createDb, migrateToLatest, type DB } from "../../app/db/db.server";
import { ensureOnlineIndexes, ONLINE_INDEXES } from "../../app/db/online-indexes.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { sweepEndOfStay } from "../../app/delivery/notices.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { searchCadastre } from "../../app/inspection/inspection.server";
import type { User } from "../../app/identity/user";
import { EMPLOYMENT_CATEGORIES } from "../../forms/employment";
import { clockCategoryFor, todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { demoUser } from "../support/users";

const SCALE = Number(process.env.SCALE ?? 1);
const CALLS = Number(process.env.CALLS ?? 200);
const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const CASES = Math.round(1_000_000 * SCALE);
const EMPLOYERS = Math.max(200, Math.round(20_000 * SCALE));
const CADASTRE = Math.round(5_000_000 * SCALE);
const PENDING = Math.round(100_000 * SCALE);

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message} (load ${loadavg()})`);

function dbUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** The statuses cases are cloned into, with their share of all cases (open: 20 %, OE stages: 8 %). */
const SHARES = [
  ["regional-completeness", 0.05],
  ["regional-awaiting-documents", 0.03],
  ["regional-assessment", 0.04],
  ["awaiting-oe-pre-checks", 0.02],
  ["oe-review", 0.05],
  ["oe-awaiting-documents", 0.01],
  ["granted", 0.02],
  ["issued", 0.55],
  ["refused", 0.23],
] as const;

/**
 * One case per status, filed and moved on through the real services: the clones copy its
 * snapshot, clock, form and history, so every cloned case has a shape the portal wrote.
 */
async function makeTemplates(db: DB): Promise<Map<string, string>> {
  const today = todayInBelgium(new Date());
  const rep = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
  const region = await demoUser(db, "officer.flanders");
  const oe = await demoUser(db, "officer.oe");
  const templates = new Map<string, string>();
  let passport = 0;
  const file = async () => {
    const input = await validApplication(
      {
        givenNames: "Karim",
        familyName: "Haddad",
        nationality: "MA",
        birthDate: "1991-01-01",
        passportNumber: `TPL${String(++passport).padStart(5, "0")}`,
        personNumber: "",
        placeOfWorkPostalCode: "2030",
        jobTitle: "Welder",
        employmentEnd: "",
        category: "shortage-occupation",
        grossAnnualSalary: "36000",
      },
      today,
    );
    return (await fileFor(db, rep, input, "nl")).id;
  };
  const run = async (id: string, steps: [User, Parameters<typeof applyCaseCommand>[4]][]) => {
    let version = 1;
    for (const [user, command] of steps) version = (await applyCaseCommand(db, { user }, id, version, command)).version;
    return id;
  };
  const request = { type: "REQUEST_DOCUMENTS" as const, message: "Bezorg het ondertekende contract.", items: ["Ondertekend contract"] };
  templates.set("regional-completeness", await file());
  templates.set("regional-awaiting-documents", await run(await file(), [[region, request]]));
  templates.set("regional-assessment", await run(await file(), [[region, { type: "DECLARE_COMPLETE" }]]));
  templates.set("awaiting-oe-pre-checks", await run(await file(), [[region, { type: "DECLARE_COMPLETE" }], [region, { type: "AUTHORISE_WORK" }]]));
  const toOe: [User, Parameters<typeof applyCaseCommand>[4]][] = [
    [region, { type: "DECLARE_COMPLETE" }],
    [oe, { type: "PRE_CHECKS_DONE" }],
    [region, { type: "AUTHORISE_WORK" }],
  ];
  templates.set("oe-review", await run(await file(), toOe));
  templates.set("oe-awaiting-documents", await run(await file(), [...toOe, [oe, request]]));
  templates.set("granted", await run(await file(), [...toOe, [oe, { type: "GRANT_RESIDENCE" }]]));
  const issued = await run(await file(), [...toOe, [oe, { type: "GRANT_RESIDENCE" }]]);
  const docs = mkdtempSync(join(tmpdir(), "bench-scale-docs-"));
  await deliverPending(db, localChannels(db, localDocumentStore(docs)));
  rmSync(docs, { recursive: true, force: true });
  templates.set("issued", issued);
  templates.set("refused", await run(await file(), [[region, { type: "DECLARE_COMPLETE" }], [region, { type: "REFUSE_WORK", reason: "Het loon ligt onder de drempel." }]]));
  // The grant in the template of "granted" was delivered too; put it back as it was (not issued yet) is not needed: its status row says granted.
  const statuses = await db.selectFrom("applications").select(["id", "status"]).where("id", "in", [...templates.values()]).execute();
  for (const row of statuses) {
    const expected = [...templates].find(([, id]) => id === row.id)![0];
    if (row.status !== expected && !(expected === "granted" && row.status === "issued")) throw new Error(`template ${expected} is ${row.status}`);
  }
  return templates;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function seed(db: DB, templates: Map<string, string>) {
  const ids = [...templates.entries()];
  await sql`create table bench_templates (status text primary key, id uuid not null)`.execute(db);
  await sql`insert into bench_templates values ${sql.join(ids.map(([status, id]) => sql`(${status}, ${id}::uuid)`))}`.execute(db);
  // Cumulative bounds of each status over n = 1..CASES.
  let bound = 0;
  const statusCase = sql.join(
    SHARES.map(([status, share]) => {
      bound += share;
      return sql`when n <= ${sql.lit(Math.round(bound * CASES))} then ${sql.lit(status)}`;
    }),
    sql` `,
  );
  // Employment categories, weighted: seasonal 20 %, shortage 25 %, …
  const weighted = [
    ...Array(4).fill("seasonal"),
    ...Array(5).fill("shortage-occupation"),
    ...Array(2).fill("highly-qualified"),
    ...Array(4).fill("other"),
    "executive",
    "blue-card",
    "intra-corporate-transferee",
    "researcher",
    "blue-card",
  ];
  const categories = sql.raw(`array[${weighted.map((c) => `'${c}'`).join(",")}]`);
  const clockCategory = sql.raw(`case ${EMPLOYMENT_CATEGORIES.map((c) => `when s.category = '${c}' then '${clockCategoryFor(c)}'`).join(" ")} end`);

  await timed("employers", () =>
    sql`
      insert into employers (enterprise_number, name, street, postal_code, municipality, source, source_date, end_of_stay_notices)
      select lpad((200000000 + g)::text, 10, '0'), 'Bench Enterprise ' || g, 'Rue ' || g, '1000', 'Bruxelles', 'bench', current_date, g % 2 = 0
        from generate_series(1, ${sql.lit(EMPLOYERS)}) g`.execute(db),
  );
  await sql`create table bench_employers as select row_number() over (order by id) - 1 as k, id, enterprise_number from employers where source = 'bench'`.execute(db);
  await timed("staging", () =>
    sql`
      create table bench_cases as
      select n, gen_random_uuid() as id, gen_random_uuid() as worker_id,
             case when (n::bigint * 7919 % 100)::int < 52 then 'flanders' when (n::bigint * 7919 % 100)::int < 78 then 'brussels'
                  when (n::bigint * 7919 % 100)::int < 99 then 'wallonia' else 'dg' end as authority,
             (${categories})[1 + (n::bigint * 104729 % ${sql.lit(weighted.length)})::int] as category,
             case ${statusCase} else 'refused' end as status,
             (n * 31) % ${sql.lit(EMPLOYERS)} as employer_k
        from generate_series(1, ${sql.lit(CASES)}) n`.execute(db),
  );
  await sql`alter table bench_cases add primary key (n)`.execute(db);
  await timed("workers", () =>
    sql`
      insert into workers (id, person_number, family_name, given_names, nationality, birth_date, passport_number)
      select worker_id, lpad((60000000000 + n)::text, 11, '0'),
             (array['Haddad','Nguyen','Silva','Kowalski','Popescu','Okafor','Rahman','Singh','Ivanova','Mensah'])[1 + n % 10] || ' ' || (n % 997),
             (array['Karim','Lan','Ana','Piotr','Ion','Chidi','Nadia','Arjun','Olga','Kofi'])[1 + (n / 10) % 10],
             (array['MA','VN','BR','UA','RO','NG','BD','IN','RS','GH'])[1 + n % 10],
             date '1965-01-01' + ((n * 37) % 15000), 'BP' || n
        from bench_cases`.execute(db),
  );
  const today = todayInBelgium(new Date());
  await timed("applications", () =>
    sql`
      insert into applications (id, reference, kind, status, created_by, employer_id, worker_id, competent_authority,
             procedure_language, form_version, machine_snapshot, machine_version, version, submitted_at, created_at, updated_at,
             category, legal_clock, due_on, oe_pre_checks_pending, assigned_to, decided_at, escalated, filed_form, employment_category)
      select s.id, 'SP-' || (2019 + s.n / 150000) || '-' || lpad((s.n % 150000)::text, 6, '0'), t.kind, t.status, t.created_by, e.id,
             s.worker_id, s.authority,
             case s.authority when 'flanders' then 'nl' when 'dg' then 'de' when 'wallonia' then 'fr' else (case when s.n % 2 = 0 then 'fr' else 'nl' end) end,
             t.form_version,
             jsonb_set(jsonb_set(jsonb_set(t.machine_snapshot, '{context,authority}', to_jsonb(s.authority)), '{context,category}', to_jsonb(${clockCategory})),
                       '{context,escalated}', to_jsonb(x.escalated)),
             t.machine_version, t.version, x.submitted_at, x.submitted_at, x.submitted_at,
             ${clockCategory},
             case when t.legal_clock is null then null
                  when t.legal_clock -> 'clock' -> 'suspensions' -> 0 is null
                    then jsonb_set(t.legal_clock, '{clock,startedOn}', to_jsonb(to_char((t.legal_clock #>> '{clock,startedOn}')::date + x.shift, 'YYYY-MM-DD')))
                  else jsonb_set(jsonb_set(t.legal_clock, '{clock,startedOn}', to_jsonb(to_char((t.legal_clock #>> '{clock,startedOn}')::date + x.shift, 'YYYY-MM-DD'))),
                                 '{clock,suspensions,0,from}', to_jsonb(to_char((t.legal_clock #>> '{clock,suspensions,0,from}')::date + x.shift, 'YYYY-MM-DD')))
             end,
             case when t.due_on is null then null else t.due_on + x.shift end,
             t.oe_pre_checks_pending,
             case when t.legal_clock is not null and s.n % 10 = 0 then
               (select id from users where login = case when t.status like 'oe-%' or t.status = 'awaiting-oe-pre-checks' then 'officer.oe' else 'officer.' || s.authority end)
             end,
             case when t.decided_at is null then null else x.submitted_at + interval '60 days' end,
             x.escalated,
             jsonb_set(t.filed_form, '{category}', to_jsonb(s.category)), s.category
        from bench_cases s
        join bench_templates bt on bt.status = s.status
        join applications t on t.id = bt.id
        join bench_employers e on e.k = s.employer_k
        cross join lateral (
          select
            -- Open cases: due from yesterday to five months ahead, filed in the last two months;
            -- cases overdue for longer were escalated by an earlier sweep.
            case when t.due_on is null then -((s.n * 13) % 40) else (${today}::date - t.due_on) - 1 + (s.n * 13) % 150 end as shift,
            case when t.legal_clock is null then now() - make_interval(days => 70 + (s.n * 17) % 2000, secs => s.n % 86400)
                 else now() - make_interval(days => (s.n * 17) % 60, secs => s.n % 86400) end as submitted_at,
            false as escalated
        ) x`.execute(db),
  );
  await sql`update applications set escalated = true, machine_snapshot = jsonb_set(machine_snapshot, '{context,escalated}', 'true')
             where due_on < current_date - 1 and reference not like 'SP-2026-%'`.execute(db);
  await timed("case history", () =>
    sql`
      insert into application_events (application_id, type, actor_user_id, actor_role, actor_authority, from_status, to_status, reason, detail, version, created_at)
      select a.id, ev.type, ev.actor_user_id, ev.actor_role, ev.actor_authority, ev.from_status, ev.to_status, ev.reason, ev.detail, ev.version,
             a.submitted_at + (ev.created_at - t.submitted_at)
        from bench_cases s
        join applications a on a.id = s.id
        join bench_templates bt on bt.status = s.status
        join applications t on t.id = bt.id
        join application_events ev on ev.application_id = t.id`.execute(db),
  );
  await timed("permits", () =>
    sql`
      insert into permits (application_id, verification_code, annex, valid_from, valid_until, granted_at)
      select a.id, upper(substr(md5(a.id::text), 1, 24)), '46', a.decided_at::date,
             -- about a third end within a year (the seasonal ones and some others): the end-of-stay sweep's candidates
             case when s.category = 'seasonal' or s.n % 7 = 0 then current_date + (s.n % 365) else current_date + 365 + (s.n % 700) end,
             a.decided_at
        from bench_cases s join applications a on a.id = s.id
       where s.status in ('granted', 'issued')`.execute(db),
  );
  await timed("delivered outbox", () =>
    sql`
      insert into outbox (key, kind, application_id, payload, status, attempts, next_attempt_at, created_at, delivered_at)
      select 'bench:' || a.id || ':' || k, case when k = 3 then 'cadastre.feed' else 'ebox.document' end, a.id,
             case when k = 3 then jsonb_build_object('caseVersion', a.version, 'status', 'valid', 'statusOn', to_char(a.decided_at, 'YYYY-MM-DD'), 'reason', null)
                  else jsonb_build_object('type', '46', 'language', a.procedure_language, 'courtesy', false, 'caseVersion', a.version,
                                          'recipient', jsonb_build_object('kind', case when k = 1 then 'enterprise' else 'person' end, 'id', '0403170701')) end,
             'delivered', 1, a.decided_at, a.decided_at, a.decided_at + interval '1 minute'
        from bench_cases s join applications a on a.id = s.id
        cross join generate_series(1, case when s.n % 3 = 0 then 3 else 2 end) k
       where s.status in ('granted', 'issued')`.execute(db),
  );
  await timed("cadastre", async () => {
    await sql`
      insert into limosa.permits (case_reference, permit_kind, worker_person_number, worker_family_name, worker_given_names, worker_birth_date,
             worker_nationality, employer_enterprise_number, employer_name, authority, category, job, place_of_work, valid_from, valid_until,
             status, status_on, case_version, updated_at)
      select a.reference, 'single', w.person_number, w.family_name, w.given_names, w.birth_date, w.nationality, e.enterprise_number,
             'Bench Enterprise', a.competent_authority, s.category, 'Welder', '2030', p.valid_from, p.valid_until, 'valid', p.valid_from, 1,
             a.decided_at
        from bench_cases s join applications a on a.id = s.id join workers w on w.id = a.worker_id
        join employers e on e.id = a.employer_id join permits p on p.application_id = a.id
       where s.status in ('granted', 'issued')`.execute(db);
    // Older permits of the same people and enterprises, back to 2000.
    await sql`
      insert into limosa.permits (case_reference, permit_kind, worker_person_number, worker_family_name, worker_given_names, worker_birth_date,
             worker_nationality, employer_enterprise_number, employer_name, authority, category, job, place_of_work, valid_from, valid_until,
             status, status_on, case_version, updated_at)
      select 'HIST-' || g, 'single', lpad((60000000000 + 1 + (g * 7) % ${sql.lit(CASES)})::text, 11, '0'),
             (array['Haddad','Nguyen','Silva','Kowalski','Popescu','Okafor','Rahman','Singh','Ivanova','Mensah'])[1 + ((1 + (g * 7) % ${sql.lit(CASES)}) % 10)] || ' ' || ((1 + (g * 7) % ${sql.lit(CASES)}) % 997),
             'Bench', date '1965-01-01' + (((1 + (g * 7) % ${sql.lit(CASES)}) * 37) % 15000), 'MA',
             lpad((200000001 + (g * 13) % ${sql.lit(EMPLOYERS)})::text, 10, '0'), 'Bench Enterprise',
             'flanders', 'seasonal', 'Picker', '3800', date '2000-01-01' + (g % 8000), date '2000-01-01' + (g % 8000) + 180,
             case when g % 5 = 0 then 'ended' else 'valid' end, date '2000-01-01' + (g % 8000), 1,
             timestamptz '2000-01-01' + make_interval(days => g % 9000, secs => g % 86400)
        from generate_series(1, ${sql.lit(Math.max(0, CADASTRE - Math.round(CASES * 0.57)))}) g`.execute(db);
    await sql`
      insert into limosa.permit_history (permit_id, feed_key, case_version, status, status_on, reason, recorded_at)
      select id, 'bench:' || id, 1, status, status_on, null, updated_at from limosa.permits where case_reference like 'SP-20%' or case_reference like 'HIST-%'`.execute(db);
  });
  await timed("pending outbox", () =>
    sql`
      insert into outbox (key, kind, application_id, payload, next_attempt_at, created_at)
      select 'bench:pending:' || a.id, case when s.n % 2 = 0 then 'cadastre.feed' else 'ebox.notice' end, a.id,
             case when s.n % 2 = 0 then jsonb_build_object('caseVersion', a.version + 1, 'status', 'ended', 'statusOn', to_char(current_date, 'YYYY-MM-DD'), 'reason', 'bench')
                  else jsonb_build_object('recipient', jsonb_build_object('kind', 'enterprise', 'id', e.enterprise_number), 'language', a.procedure_language,
                                          'template', 'reminder', 'values', jsonb_build_object('reference', a.reference, 'date', to_char(current_date, 'YYYY-MM-DD'))) end,
             now() - interval '1 minute', now() - interval '1 minute'
        from bench_cases s join applications a on a.id = s.id join employers e on e.id = a.employer_id
       where s.status = 'issued'
       order by s.n
       limit ${sql.lit(PENDING)}`.execute(db),
  );
  await timed("analyze", () => sql`analyze`.execute(db));
}

// ---------------------------------------------------------------------------------------------
// Measuring

type Stats = { p50_ms: number; p95_ms: number; p99_ms: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(2));
  return { p50_ms: at(0.5), p95_ms: at(0.95), p99_ms: at(0.99) };
}

async function sample(calls: number, call: (i: number) => Promise<unknown>): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  return stats(times);
}

const VIEWS: Record<string, Partial<QueueFilters>> = {
  default: {},
  mine: { mine: true },
  "due-week": { due: "week" },
  overdue: { due: "overdue" },
  "all-statuses": { status: "all" },
  ...Object.fromEntries([...EMPLOYMENT_CATEGORIES, "permanent" as const].map((category) => [`category-${category}`, { category }])),
};

async function caseCommandCost(db: DB, label: string, count: number): Promise<Stats> {
  // Declaring a Flemish file complete: a status, clock and due-date change, as officers do all day.
  const rows = await db
    .selectFrom("applications")
    .select(["id", "version"])
    .where("status", "=", "regional-completeness")
    .where("competent_authority", "=", "flanders")
    .where("reference", "not like", "SP-2026-%")
    .orderBy(sql`md5(id::text || ${label})`)
    .limit(count)
    .execute();
  const officer = await demoUser(db, "officer.flanders");
  const result = await sample(rows.length, (i) => applyCaseCommand(db, { user: officer }, rows[i]!.id, rows[i]!.version, { type: "DECLARE_COMPLETE" }));
  return result;
}

async function drainWith(url: string, workers: number, limit: number): Promise<{ delivered: number; per_s: number }> {
  const run = promisify(execFile);
  const startAt = Date.now() + 4_000;
  const each = Math.ceil(limit / workers);
  const outputs = await Promise.all(
    Array.from({ length: workers }, () => run("npx", ["tsx", "tests/bench/scale-drain-worker.ts", url, String(each), String(startAt)], { maxBuffer: 1 << 20 })),
  );
  const results = outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!) as { delivered: number; failed: number; started: number; ended: number });
  const delivered = results.reduce((n, r) => n + r.delivered + r.failed, 0);
  const seconds = (Math.max(...results.map((r) => r.ended)) - Math.min(...results.map((r) => r.started))) / 1000;
  return { delivered, per_s: Math.round(delivered / seconds) };
}

/** EXPLAIN ANALYZE of a queue view's page query, exactly as the service builds it. */
async function explainQueue(db: DB, user: User, filters: Partial<QueueFilters>): Promise<string> {
  const compiled = queuePage(db, queueQueryOf(user, { ...DEFAULT_FILTERS, ...filters }, new Date(), QUEUE_PAGE)).compile();
  const result = await db.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

async function explain(db: DB, query: string): Promise<string> {
  const { rows } = await sql<{ "QUERY PLAN": string }>`${sql.raw(`explain (analyze, buffers) ${query}`)}`.execute(db);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const name = `sp_bench_scale_${randomBytes(4).toString("hex")}`;
  const admin = createDb({ url: serverUrl });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = dbUrl(name);
  const db = createDb({ url });
  const out: Record<string, unknown> = { scale: SCALE, calls: CALLS };
  try {
    log(`database ${name}, SCALE=${SCALE}: ${CASES} cases, ${CADASTRE} cadastre records, ${PENDING} pending deliveries`);
    await migrateToLatest(db);
    // The schema as it was before this work: the old indexes, none of the new ones.
    for (const index of ONLINE_INDEXES) await sql.raw(`drop index if exists "${index.table.includes(".") ? index.table.split(".")[0] : "public"}"."${index.name}"`).execute(db);
    await sql`create index applications_queue_idx on applications (competent_authority, status, submitted_at)`.execute(db);
    await sql`create index applications_due_idx on applications (competent_authority, status, due_on)`.execute(db);
    await sql`create index applications_category_idx on applications (employment_category, competent_authority, due_on)`.execute(db);
    await sql`create index outbox_due_idx on outbox (status, next_attempt_at)`.execute(db);
    await sql`create index permits_person_idx on limosa.permits (worker_person_number)`.execute(db);
    await sql`create index permits_name_idx on limosa.permits (worker_family_name, worker_birth_date)`.execute(db);
    await sql`create index permits_employer_idx on limosa.permits (employer_enterprise_number)`.execute(db);
    await seedDemoData(db);
    const templates = await timed("templates through the services", () => makeTemplates(db));
    const seedStarted = Date.now();
    await seed(db, templates);
    out.seed_s = Math.round((Date.now() - seedStarted) / 1000);
    const counts = await sql<Record<string, number>>`
      select (select count(*) from applications)::int as cases,
             (select count(*) from applications where status in ('regional-completeness','regional-awaiting-documents','regional-assessment','awaiting-oe-pre-checks','oe-review','oe-awaiting-documents'))::int as open,
             (select count(*) from permits)::int as permits,
             (select count(*) from limosa.permits)::int as cadastre,
             (select count(*) from outbox where status = 'delivered')::int as delivered,
             (select count(*) from outbox where status = 'pending')::int as pending,
             (select count(*) from application_events)::int as events`.execute(db);
    out.counts = counts.rows[0];
    log(`seeded in ${out.seed_s} s: ${JSON.stringify(out.counts)}`);

    const before = await timed("case command before the scale indexes", () => caseCommandCost(db, "before", CALLS));
    const built = Date.now();
    await ensureOnlineIndexes(db, { concurrently: true, log: (m) => log(m) });
    out.index_build_s = Math.round((Date.now() - built) / 1000);
    await sql`analyze`.execute(db);
    const after = await timed("case command after the scale indexes", () => caseCommandCost(db, "after", CALLS));
    out.case_command = { before, after };

    const officers: Record<string, User> = {};
    for (const authority of ["flanders", "brussels", "wallonia", "dg", "oe"]) officers[authority] = await demoUser(db, `officer.${authority}`);
    const queue: Record<string, Stats> = {};
    for (const [authority, officer] of Object.entries(officers)) {
      for (const [view, filters] of Object.entries(VIEWS)) {
        queue[`${authority}:${view}`] = await sample(CALLS, () => officerQueue(db, officer, { status: "open", due: "all", mine: false, category: "all", after: null, ...filters }));
      }
      log(`queue views of ${authority} measured`);
    }
    // A deep page: the tenth, reached through the next-page positions, costs what the first does.
    let page = await officerQueue(db, officers.flanders!);
    for (let n = 1; n < 10 && page.next; n++) page = await officerQueue(db, officers.flanders!, { ...DEFAULT_FILTERS, after: parseCursor(page.next) });
    const tenth = parseCursor(page.next);
    queue["flanders:default-page-10"] = await sample(CALLS, () => officerQueue(db, officers.flanders!, { ...DEFAULT_FILTERS, after: tenth }));
    out.queue = queue;

    const open = await db.selectFrom("applications").select("id").where("competent_authority", "=", "flanders").where("status", "=", "regional-assessment").orderBy(sql`md5(id::text)`).limit(CALLS).execute();
    out.case_page = await sample(open.length, (i) => officerCasePage(db, officers.flanders!, open[i]!.id));
    log("case page measured");

    const inspector = await demoUser(db, "inspector");
    const people = await sql<{ worker_person_number: string; worker_family_name: string; worker_birth_date: string; employer_enterprise_number: string }>`
      select worker_person_number, worker_family_name, worker_birth_date::text as worker_birth_date, employer_enterprise_number
        from limosa.permits where id in (select 1 + (g * 7919) % (select max(id) from limosa.permits) from generate_series(1, ${CALLS}) g)`.execute(db);
    const keys = people.rows;
    out.cadastre = {
      person_number: await sample(keys.length, (i) => searchCadastre(db, inspector, "BENCH-1: scale bench", { personNumber: keys[i]!.worker_person_number })),
      enterprise_number: await sample(keys.length, (i) => searchCadastre(db, inspector, "BENCH-1: scale bench", { enterpriseNumber: keys[i]!.employer_enterprise_number })),
      name_birth_date: await sample(keys.length, (i) =>
        searchCadastre(db, inspector, "BENCH-1: scale bench", { familyName: keys[i]!.worker_family_name.toUpperCase(), birthDate: keys[i]!.worker_birth_date }),
      ),
    };
    log("cadastre measured");

    const sweep = async (work: () => Promise<unknown>) => {
      const started = Date.now();
      const result = await work();
      return { s: (Date.now() - started) / 1000, result };
    };
    const eos1 = await sweep(() => sweepEndOfStay(db));
    const eos2 = await sweep(() => sweepEndOfStay(db));
    const deadline = await sweep(() => sweepDeadlines(db));
    out.sweeps = { end_of_stay_s: eos1.s, end_of_stay_second_s: eos2.s, deadline_s: deadline.s };
    out.sweep_results = { end_of_stay: eos1.result, end_of_stay_second: eos2.result, deadline: deadline.result };
    log(`sweeps: ${JSON.stringify(out.sweeps)} ${JSON.stringify(out.sweep_results)}`);

    const pending = Number((await sql<{ n: number }>`select count(*)::int as n from outbox where status = 'pending'`.execute(db)).rows[0]!.n);
    // At most 12,000 rows for one worker and 24,000 for two: enough for a steady rate; the rest stays pending.
    const one = await drainWith(url, 1, Math.min(Math.floor(pending * 0.4), 12_000));
    log(`outbox, one worker: ${JSON.stringify(one)}`);
    const two = await drainWith(url, 2, Math.min(pending - one.delivered, 24_000));
    log(`outbox, two workers: ${JSON.stringify(two)}`);
    const check = await sql<{ left: number; feeds: number; fed: number; notices: number; noticed: number; doubled: number }>`
      select (select count(*) from outbox where status = 'failed')::int as left,
             (select count(*) from outbox where key like 'bench:pending:%' and kind = 'cadastre.feed' and status = 'delivered')::int as feeds,
             (select count(*) from limosa.permit_history where feed_key like 'bench:pending:%')::int as fed,
             (select count(*) from outbox where key like 'bench:pending:%' and kind = 'ebox.notice' and status = 'delivered')::int as notices,
             (select count(*) from ebox_messages where delivery_key like 'bench:pending:%')::int as noticed,
             (select count(*) from (select delivery_key from ebox_messages group by delivery_key having count(*) > 1) d)::int as doubled`.execute(db);
    const c = check.rows[0]!;
    out.outbox = {
      workers_1_per_s: one.per_s,
      workers_2_per_s: two.per_s,
      lost: c.left + (c.feeds - c.fed) + (c.notices - c.noticed),
      duplicated: c.doubled,
    };
    out.outbox_check = c;

    const worst = Object.entries(queue).filter(([key]) => !key.endsWith("page-10")).sort((a, b) => b[1].p95_ms - a[1].p95_ms)[0]!;
    out.explain = {
      [`worst queue view ${worst[0]}`]: await explainQueue(db, officers[worst[0].split(":")[0]!]!, VIEWS[worst[0].split(":")[1]!] ?? {}),
      "cadastre:enterprise": await explain(db, `select * from limosa.permits where employer_enterprise_number = '${keys[0]!.employer_enterprise_number}' order by updated_at desc limit 50`),
      "outbox:claim": await explain(
        db,
        `select o.id from outbox o where o.status = 'pending' and o.next_attempt_at <= now() and not exists (select 1 from outbox older where older.application_id = o.application_id and older.kind = o.kind and older.id < o.id and older.status <> 'delivered') order by o.id limit 50`,
      ),
    };
    out.loadavg = loadavg();
  } finally {
    await db.destroy();
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
    log(`database ${name} dropped`);
  }
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/scale.json", `${JSON.stringify(out, null, 2)}\n`);
  printTable(out);
}

function printTable(out: Record<string, any>) {
  const rows: [string, string, string][] = [];
  const fmt = (s: Stats) => `${s.p50_ms} / ${s.p95_ms} / ${s.p99_ms}`;
  for (const [key, s] of Object.entries(out.queue ?? {})) rows.push([`queue ${key}`, fmt(s as Stats), (s as Stats).p95_ms < 20 ? "ok" : "OVER 20 ms"]);
  for (const [key, s] of Object.entries(out.cadastre ?? {})) rows.push([`cadastre ${key}`, fmt(s as Stats), (s as Stats).p95_ms < 20 ? "ok" : "OVER 20 ms"]);
  if (out.case_page) rows.push(["case page", fmt(out.case_page), ""]);
  if (out.case_command) {
    rows.push(["case command, before scale indexes", fmt(out.case_command.before), ""]);
    rows.push(["case command, after scale indexes", fmt(out.case_command.after), ""]);
  }
  if (out.sweeps) {
    rows.push(["end-of-stay sweep (s)", `${out.sweeps.end_of_stay_s} then ${out.sweeps.end_of_stay_second_s}`, out.sweeps.end_of_stay_s < 5 ? "ok" : "OVER 5 s"]);
    rows.push(["deadline sweep (s)", `${out.sweeps.deadline_s}`, out.sweeps.deadline_s < 10 ? "ok" : "OVER 10 s"]);
  }
  if (out.outbox) {
    rows.push(["outbox, 1 worker (/s)", `${out.outbox.workers_1_per_s}`, out.outbox.workers_1_per_s >= 1000 ? "ok" : "UNDER 1000/s"]);
    rows.push(["outbox, 2 workers (/s)", `${out.outbox.workers_2_per_s}`, out.outbox.workers_2_per_s >= 1000 ? "ok" : "UNDER 1000/s"]);
    rows.push(["outbox lost / duplicated", `${out.outbox.lost} / ${out.outbox.duplicated}`, out.outbox.lost === 0 && out.outbox.duplicated === 0 ? "ok" : "WRONG"]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nSCALE=${out.scale}, seed ${out.seed_s} s, index build ${out.index_build_s} s, load ${out.loadavg}`);
  console.log(`${"what".padEnd(width)}  p50 / p95 / p99 ms (or value)  target`);
  for (const [what, value, verdict] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(28)}  ${verdict}`);
}

await main();
