// REST bodies of the query service (CONTRACT.md, "REST"). These TypeBox schemas are the
// response schemas Fastify serializes with and the OpenAPI document shows.
import { Type, type Static } from 'typebox';
import { BarData, Health, IsoTime, Session } from './events';

const Json = Type.Record(Type.String(), Type.Unknown());
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const ErrorCode = Type.Union([
  Type.Literal('VALIDATION_ERROR'),
  Type.Literal('UNAUTHORIZED'),
  Type.Literal('FORBIDDEN'),
  Type.Literal('NOT_FOUND'),
  Type.Literal('RATE_LIMITED'),
  Type.Literal('UNAVAILABLE'),
  Type.Literal('INTERNAL'),
]);
export type ErrorCode = Static<typeof ErrorCode>;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: ErrorCode,
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Unknown())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const LoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type LoginRequest = Static<typeof LoginRequest>;

export const LoginResponse = Type.Object({
  token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});
export type LoginResponse = Static<typeof LoginResponse>;

export const WsTokenResponse = Type.Object({ token: Type.String(), expires_in: Type.Literal(60) });
export type WsTokenResponse = Static<typeof WsTokenResponse>;

export const Role = Type.Union([Type.Literal('viewer'), Type.Literal('admin')]);
export type Role = Static<typeof Role>;
export const MeResponse = Type.Object({ username: Type.String(), role: Role });
export type MeResponse = Static<typeof MeResponse>;

/** A stored pattern as `GET /streaming/api/patterns/{symbol}` returns it. */
export const PatternRecord = Type.Object({
  id: Type.String(),
  pattern_type: Type.String(),
  symbol: Type.String(),
  timestamp: IsoTime,
  confidence: Type.Number(),
  parameters: Json,
  timeframe: Type.String(),
  bar_data: Type.Union([BarData, Type.Null()]),
  metadata: Json,
  session_id: NullableString,
});
export type PatternRecord = Static<typeof PatternRecord>;

/** A stored indicator as `GET /streaming/api/indicators/{symbol}` returns it. */
export const IndicatorRecord = Type.Object({
  id: Type.String(),
  indicator_type: Type.String(),
  symbol: Type.String(),
  timestamp: IsoTime,
  value: Type.Union([Type.Number(), Type.Null()]),
  values: Json,
  timeframe: Type.String(),
  metadata: Json,
  session_id: NullableString,
});
export type IndicatorRecord = Static<typeof IndicatorRecord>;

/** An indicator alert or a critical alert, as `GET /streaming/api/alerts` returns it. */
export const AlertRecord = Type.Object({
  id: Type.String(),
  alert_type: Type.String(),
  symbol: NullableString,
  severity: Type.String(),
  message: NullableString,
  timestamp: IsoTime,
  alert_data: Json,
  session_id: NullableString,
});
export type AlertRecord = Static<typeof AlertRecord>;

export const SummaryResponse = Type.Object({
  window_hours: Type.Integer(),
  pattern_distribution: Type.Record(Type.String(), Type.Integer()),
  top_symbols: Type.Array(Type.Object({ symbol: Type.String(), events: Type.Integer() })),
  total_patterns: Type.Integer(),
  total_indicators: Type.Integer(),
  total_alerts: Type.Integer(),
});
export type SummaryResponse = Static<typeof SummaryResponse>;

export const StatusResponse = Type.Object({
  status: Type.Union([Type.Literal('online'), Type.Literal('idle'), Type.Literal('offline')]),
  session: Type.Union([Session, Type.Null()]),
  health: Type.Union([Health, Type.Null()]),
  subscriber_stats: Type.Record(Type.String(), Type.Number()),
  producer: Type.Object({ online: Type.Boolean(), last_heartbeat: Type.Union([IsoTime, Type.Null()]) }),
});
export type StatusResponse = Static<typeof StatusResponse>;

/** Parameter rules shared by the query service and anyone building URLs (CONTRACT.md, "Parameters"). */
export const SYMBOL_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$';
export const HOURS_RANGE = { min: 1, max: 24 } as const;
export const LIMIT_RANGE = { min: 1, max: 1000 } as const;
export const ALERT_LIMIT_RANGE = { min: 10, max: 500 } as const;
