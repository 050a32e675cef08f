export * from './logger';
export * from './metrics';
export * from './health';
export * from './ops-server';
export * from './shutdown';
export * from './throttle';
