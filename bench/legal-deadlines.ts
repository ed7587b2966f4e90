/**
 * Deadline engine: 1,000,000 due-date computations with the working-day calendar (2025 and 2026 notices),
 * a mix of every shipped national period rule (working days over 春节/国庆, calendar days with and without a
 * rest-day move, months with month-end clamping, years) and start days spread over 2025-01-01..2026-09-30
 * (a few need 2027 and come back as legal.calendar_missing, as they would in production).
 * Inputs are generated before timing (fixed seed); each run computes all of them once; one warm-up run, then
 * BENCH_LEGAL_RUNS timed runs; the median run is reported as µs per computation, with the explanation built
 * (what the calculator and the case page get) and without it (explain: false, bulk recomputation).
 *
 *   node --import tsx bench/legal-deadlines.ts
 *
 * Knobs: BENCH_LEGAL_N (1000000), BENCH_LEGAL_RUNS (5).
 */
import { performance } from 'node:perf_hooks';
import { buildCalendar, computeDeadline, NATIONAL_RULES, SHIPPED_NOTICES, type LegalRule } from '../server/src/modules/legal/domain';
import { formatIso, parseIso } from '../server/src/modules/legal/domain/dates';
import { emitSection, fmt, isMain, mdTable } from './lib';

const N = Number(process.env.BENCH_LEGAL_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_LEGAL_RUNS ?? 5);

/** mulberry32: a small fixed-seed PRNG, so every run computes the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Outcome {
  usPerOp: number;
  runsMs: number[];
  ok: number;
  missing: number;
}

function run(label: string, rules: readonly LegalRule[], ruleIdx: Uint8Array, starts: string[], explain: boolean): Outcome {
  const calendar = buildCalendar(SHIPPED_NOTICES);
  const runsMs: number[] = [];
  let ok = 0;
  let missing = 0;
  let checksum = 0;
  for (let r = 0; r <= RUNS; r++) {
    ok = 0;
    missing = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const res = computeDeadline({ rule: rules[ruleIdx[i]!]!, start: starts[i]!, calendar, explain });
      if (res.ok) {
        ok++;
        checksum += res.due.charCodeAt(9) + res.explanation.length;
      } else missing++;
    }
    const ms = performance.now() - t0;
    if (r > 0) runsMs.push(ms); // run 0 warms the JIT up
  }
  if (checksum === 0) console.error(`${label}: empty checksum`);
  return { usPerOp: (median(runsMs) * 1000) / N, runsMs, ok, missing };
}

export function main(): void {
  const rules = NATIONAL_RULES.filter((r) => r.kind === 'period' && r.origin === 'national' && r.effectiveTo === null);
  const rand = prng(20250101);
  const first = parseIso('2025-01-01')!;
  const span = parseIso('2026-09-30')! - first + 1;
  const ruleIdx = new Uint8Array(N);
  const starts: string[] = new Array<string>(N);
  for (let i = 0; i < N; i++) {
    ruleIdx[i] = Math.floor(rand() * rules.length);
    starts[i] = formatIso(first + Math.floor(rand() * span));
  }
  const working = rules.filter((r) => r.kind === 'period' && r.params.counting === 'working').length;
  const withExplanation = run('explain', rules, ruleIdx, starts, true);
  const quiet = run('quiet', rules, ruleIdx, starts, false);
  const row = (label: string, o: Outcome): string[] => [
    label,
    fmt(N),
    fmt(o.usPerOp, 3),
    o.runsMs.map((ms) => fmt(ms)).join(' / '),
    `${fmt(o.ok)} ok, ${fmt(o.missing)} calendar missing`,
  ];
  const md = [
    '### Deadline engine (`bench/legal-deadlines.ts`)',
    '',
    'Pure CPU, in process: `computeDeadline` of `server/src/modules/legal/domain` (the engine the cases and the 期限计算器 use) with the shipped working-day calendars.',
    '',
    `${rules.length} national period rules (${working} in working days), start days 2025-01-01..2026-09-30, calendars 2025+2026; ` +
      `median of ${RUNS} runs after one warm-up; node ${process.version}.`,
    '',
    mdTable(['mode', 'computations per run', 'µs per computation (median run)', 'run times (ms)', 'results'], [
      row('with explanation', withExplanation),
      row('explain: false', quiet),
    ]),
  ].join('\n');
  emitSection('legal-deadlines', md);
}

if (isMain(import.meta.url)) main();
