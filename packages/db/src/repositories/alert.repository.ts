// Indicator alerts and critical alerts, stored as received in one table (kind tells them apart),
// read back for GET /streaming/api/alerts (CONTRACT.md).
import type { AlertRecord, EventOf } from '@tickstock/contracts';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { translated } from '../errors';
import type { AlertsTable, Database } from '../schema';
import { chunked, countOf, iso, json, windowStart } from './rows';

/** The two alert events as the ingest normalizes them (their `kind` picks the mapping). */
export type AlertEvent = EventOf<'indicator_alert'> | EventOf<'critical_alert'>;

export type AlertQuery = {
  hours: number;
  /** Exact alert_type, e.g. RSI_OVERBOUGHT or a critical alert's type (CONNECTION_LOST). */
  alertType?: string | undefined;
  symbol?: string | undefined;
  limit: number;
  now?: Date;
};

export type AlertRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertAlerts(alerts: readonly AlertEvent[]): Promise<number>;
  /** Alerts of the last `hours`, newest first, at most `limit`, optionally of one type and symbol. */
  list(query: AlertQuery): Promise<AlertRecord[]>;
};

export function createAlertRepository(db: Kysely<Database>): AlertRepository {
  return {
    insertAlerts: (alerts) =>
      translated(async () => {
        let inserted = 0;
        for (const batch of chunked(alerts)) {
          const result = await db
            .insertInto('alerts')
            .values(batch.map(toRow))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          inserted += countOf(result);
        }
        return inserted;
      }),

    list: ({ hours, alertType, symbol, limit, now }) =>
      translated(async () => {
        let query = db.selectFrom('alerts').selectAll().where('timestamp', '>=', windowStart(hours, now));
        if (alertType) query = query.where('alert_type', '=', alertType);
        if (symbol) query = query.where('symbol', '=', symbol);
        const rows = await query.orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).execute();
        return rows.map(toRecord);
      }),
  };
}

function toRow(event: AlertEvent): Insertable<AlertsTable> {
  if (event.kind === 'indicator_alert') {
    const a = event.data;
    return {
      id: a.id,
      timestamp: a.timestamp,
      kind: 'indicator',
      alert_type: a.alert_type,
      symbol: a.symbol,
      severity: a.severity,
      message: null,
      alert_data: json(a.data),
      session_id: a.session_id,
    };
  }
  const a = event.data;
  // A critical alert has no symbol or session field of its own; when its data names them, they
  // are kept in columns so `?symbol=` finds the alert too.
  return {
    id: a.id,
    timestamp: a.timestamp,
    kind: 'critical',
    alert_type: a.type,
    symbol: stringField(a.data, 'symbol'),
    severity: a.severity,
    message: a.message,
    alert_data: json(a.data),
    session_id: stringField(a.data, 'session_id'),
  };
}

function stringField(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function toRecord(r: Selectable<AlertsTable>): AlertRecord {
  return {
    id: r.id,
    alert_type: r.alert_type,
    symbol: r.symbol,
    severity: r.severity,
    message: r.message,
    timestamp: iso(r.timestamp),
    alert_data: r.alert_data,
    session_id: r.session_id,
  };
}
