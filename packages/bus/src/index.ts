export type { Bus, ClaimResult, MessageHandler, ReadOptions, StreamEntry, StreamInfo, Subscription } from './bus';
export { BusError, isBusError, type BusErrorCode } from './bus-error';
export { compareStreamIds } from './stream-id';
export { connectMemoryBus, createMemoryBus, type MemoryBus, type MemoryBusOptions } from './memory/memory-bus';
export { createMemoryServer, type MemoryServer, type MemoryServerOptions } from './memory/memory-server';
export { createRedisBus, type RedisBusOptions } from './redis/redis-bus';
