// WebSocket frames of the fan-out service (CONTRACT.md, "WebSocket"). Server → client:
// `{"event": NAME, "data": {...}, "seq"?: "<stream id>"}`; client → server: `{"op": ...}`.
// The schemas document and test the wire; the builders (frame-builders.ts) produce it.
import { Type, type Static, type TSchema } from 'typebox';
import { BacktestProgress, BacktestResult, CriticalAlert, EnvelopePattern, Health, Indicator, IndicatorAlert, IsoTime, Pattern, Session, SessionStopped, SystemHealth } from './events';
import { SYMBOL_PATTERN } from './rest';

/** Subscription streams; `events` is the `tickstock.events.*` family. */
export const STREAMS = ['patterns', 'indicators', 'alerts', 'session', 'health', 'events'] as const;
// Spelled out (not STREAMS.map): a mapped array loses the literal types, and Static<> of the ops
// would type `streams` as never[].
export const Stream = Type.Union([
  Type.Literal('patterns'),
  Type.Literal('indicators'),
  Type.Literal('alerts'),
  Type.Literal('session'),
  Type.Literal('health'),
  Type.Literal('events'),
]);
export type Stream = (typeof STREAMS)[number];

export const PatternItem = Type.Object({ type: Type.Literal('streaming_pattern'), key: Type.String(), detection: Pattern });
export type PatternItem = Static<typeof PatternItem>;
export const IndicatorItem = Type.Object({ type: Type.Literal('streaming_indicator'), key: Type.String(), calculation: Indicator });
export type IndicatorItem = Static<typeof IndicatorItem>;

/** `dropped`: how many items the buffer had to drop since the previous batch (never silently). */
export const PatternsBatch = Type.Object({
  patterns: Type.Array(PatternItem),
  count: Type.Integer({ minimum: 0 }),
  timestamp: IsoTime,
  dropped: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type PatternsBatch = Static<typeof PatternsBatch>;
export const IndicatorsBatch = Type.Object({
  indicators: Type.Array(IndicatorItem),
  count: Type.Integer({ minimum: 0 }),
  timestamp: IsoTime,
  dropped: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type IndicatorsBatch = Static<typeof IndicatorsBatch>;

export const SessionStartedData = Type.Object({ type: Type.Literal('streaming_session_started'), session: Session });
export const SessionStoppedData = Type.Object({
  type: Type.Literal('streaming_session_stopped'),
  session_id: SessionStopped.properties.session_id,
  stopped_at: SessionStopped.properties.stopped_at,
  duration_seconds: SessionStopped.properties.duration_seconds,
  total_patterns: SessionStopped.properties.total_patterns,
  total_indicators: SessionStopped.properties.total_indicators,
  final_status: SessionStopped.properties.final_status,
  reason: SessionStopped.properties.reason,
});
export const SessionData = Type.Union([SessionStartedData, SessionStoppedData]);
export type SessionData = Static<typeof SessionData>;

export const HealthData = Type.Object({ type: Type.Literal('streaming_health'), health: Health });
export type HealthData = Static<typeof HealthData>;
export const IndicatorAlertData = Type.Object({ type: Type.Literal('indicator_alert'), alert: IndicatorAlert });
export type IndicatorAlertData = Static<typeof IndicatorAlertData>;
export const CriticalAlertData = Type.Object({ type: Type.Literal('critical_alert'), alert: CriticalAlert });
export type CriticalAlertData = Static<typeof CriticalAlertData>;

export const WelcomeData = Type.Object({
  session: Type.Union([Session, Type.Null()]),
  health: Type.Union([Health, Type.Null()]),
  /** The newest stream id this client has been given; `resume` from it after a reconnect. */
  last_seq: Type.Union([Type.String(), Type.Null()]),
  server_time: IsoTime,
});
export type WelcomeData = Static<typeof WelcomeData>;

const frame = <E extends string, D extends TSchema>(event: E, data: D) =>
  Type.Object({ event: Type.Literal(event), data, seq: Type.Optional(Type.String()) });

export const WelcomeFrame = frame('welcome', WelcomeData);
export const PatternsBatchFrame = frame('streaming_patterns_batch', PatternsBatch);
export const IndicatorsBatchFrame = frame('streaming_indicators_batch', IndicatorsBatch);
export const PatternFrame = frame('streaming_pattern', PatternItem);
export const IndicatorFrame = frame('streaming_indicator', IndicatorItem);
export const SessionFrame = frame('streaming_session', SessionData);
export const HealthFrame = frame('streaming_health', HealthData);
export const IndicatorAlertFrame = frame('indicator_alert', IndicatorAlertData);
export const CriticalAlertFrame = frame('critical_alert', CriticalAlertData);
// The `tickstock.events.*` channels: data is the normalized event itself.
export const PatternAlertFrame = frame('pattern_alert', EnvelopePattern);
export const BacktestProgressFrame = frame('backtest_progress', BacktestProgress);
export const BacktestResultFrame = frame('backtest_result', BacktestResult);
export const SystemHealthFrame = frame('system_health', SystemHealth);
export const ResyncRequiredFrame = frame('resync_required', Type.Object({ reason: Type.String() }));
export const ErrorFrame = frame('error', Type.Object({ code: Type.String(), message: Type.String() }));
/** `{"event":"pong"}`: no data. */
export const PongFrame = Type.Object({ event: Type.Literal('pong'), seq: Type.Optional(Type.String()) });

export const ServerFrame = Type.Union([
  WelcomeFrame,
  PatternsBatchFrame,
  IndicatorsBatchFrame,
  PatternFrame,
  IndicatorFrame,
  SessionFrame,
  HealthFrame,
  IndicatorAlertFrame,
  CriticalAlertFrame,
  PatternAlertFrame,
  BacktestProgressFrame,
  BacktestResultFrame,
  SystemHealthFrame,
  ResyncRequiredFrame,
  ErrorFrame,
  PongFrame,
]);
export type ServerFrame = Static<typeof ServerFrame>;
export type ServerEvent = ServerFrame['event'];
export type FrameOf<E extends ServerEvent> = Extract<ServerFrame, { event: E }>;
export type FrameData<E extends Exclude<ServerEvent, 'pong'>> = FrameOf<E>['data'];

/** Client frames are small; these bounds let the fan-out reject abuse by schema alone. */
export const MAX_SUBSCRIBE_SYMBOLS = 1000;
const Streams = Type.Array(Stream, { maxItems: STREAMS.length, uniqueItems: true });
const Symbols = Type.Array(Type.String({ pattern: SYMBOL_PATTERN }), { maxItems: MAX_SUBSCRIBE_SYMBOLS });

export const SubscribeOp = Type.Object({ op: Type.Literal('subscribe'), streams: Streams, symbols: Type.Optional(Symbols) });
export const UnsubscribeOp = Type.Object({ op: Type.Literal('unsubscribe'), streams: Streams, symbols: Type.Optional(Symbols) });
export const ResumeOp = Type.Object({ op: Type.Literal('resume'), since: Type.String({ minLength: 1, maxLength: 64 }) });
export const PingOp = Type.Object({ op: Type.Literal('ping') });
export const ClientOp = Type.Union([SubscribeOp, UnsubscribeOp, ResumeOp, PingOp]);
export type ClientOp = Static<typeof ClientOp>;
export type SubscribeOp = Static<typeof SubscribeOp>;
export type UnsubscribeOp = Static<typeof UnsubscribeOp>;
export type ResumeOp = Static<typeof ResumeOp>;
export type PingOp = Static<typeof PingOp>;
