// The simulator as a library (the CLI is main.ts): run a scenario or a replay, or record.
export { createSimulator, type Progress, type RunReport, type Simulator, type SimulatorOptions, type SimulatorSpec } from './simulator';
export { startRecorder, type Recorder, type RecorderOptions } from './recording/recorder';
export { formatRecordLine, parseRecordLine, RecordingError, type RecordedMessage } from './recording/record-line';
export { startHeartbeat, HEARTBEAT_INTERVAL_MS, type Heartbeat } from './heartbeat';
export { SCENARIO_NAMES, DEFAULT_SYMBOLS, type ScenarioName, type ScenarioSpec } from './scenarios';
export { FORMAT_CHOICES, type FormatChoice, type Generation, type Outgoing } from './payloads/types';
export { systemClock, type Clock } from './pacing/clock';
export type { Speed } from './pacing/schedule';
