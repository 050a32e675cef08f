// `tickstock.events.backtesting.progress` / `.results` (TICKSTOCKPL-FORMATS.md, "Backtest
// progress / result"): flat envelopes with a required `job_id`. Read through nested `data` too,
// as the pattern envelope is. Everything not named (estimated_completion, current_symbol,
// processed_symbols, processing_time_seconds, ...) goes to `data`.
import type { BacktestProgress, BacktestResult } from '../events';
import { bodyKeys, envelopeData, envelopeLevels, levelWith, timestampNear } from './envelope-levels';
import { missing, objectOrEmpty, optionalName, optionalUnit, requireRef, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { Rejection, type DecodeContext } from './result';

const PROGRESS_KEYS = bodyKeys(['job_id', 'progress', 'status']);
const RESULT_KEYS = bodyKeys(['job_id', 'status', 'results']);

export function decodeBacktestProgress(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const job = jobOf(o);
  if (job instanceof Rejection) return job;
  const { levels, b, body, jobId } = job;
  const progress = optionalUnit(body.progress, 'progress');
  if (progress instanceof Rejection) return progress;
  const status = optionalName(ctx, body.status, 'status');
  const timestamp = timeOf(ctx, timestampNear(levels, b));
  const event: BacktestProgress = {
    id: eventId('btp', [jobId, status, progress, timestamp]),
    job_id: jobId,
    progress,
    status,
    timestamp,
    source: optionalName(ctx, o.source, 'source'),
    data: envelopeData(levels, b, PROGRESS_KEYS),
  };
  ctx.events.push({ kind: 'backtest_progress', data: event });
  return undefined;
}

export function decodeBacktestResult(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const job = jobOf(o);
  if (job instanceof Rejection) return job;
  const { levels, b, body, jobId } = job;
  const status = optionalName(ctx, body.status, 'status');
  const timestamp = timeOf(ctx, timestampNear(levels, b));
  const event: BacktestResult = {
    id: eventId('btr', [jobId, status, timestamp]),
    job_id: jobId,
    status,
    results: objectOrEmpty(ctx, body.results, 'results'),
    timestamp,
    source: optionalName(ctx, o.source, 'source'),
    data: envelopeData(levels, b, RESULT_KEYS),
  };
  ctx.events.push({ kind: 'backtest_result', data: event });
  return undefined;
}

type Job = { levels: Obj[]; b: number; body: Obj; jobId: string };

function jobOf(o: Obj): Job | Rejection {
  const levels = envelopeLevels(o);
  const b = levelWith(levels, 'job_id');
  const body = levels[b];
  if (body === undefined) return missing('job_id');
  // Some producers number their jobs: an integer id is read as its decimal text.
  const raw = body.job_id;
  const jobId = requireRef(typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw, 'job_id');
  return jobId instanceof Rejection ? jobId : { levels, b, body, jobId };
}
