import { createRegistry } from '@tickstock/observability';
import { describe, expect, it } from 'vitest';
import { criticalFrame, patternsFrame } from '../../test/helpers/frames';
import { createFanoutMetrics } from '../metrics';
import { prepareFrame } from '../stream/prepared-frame';
import { createPublisher, type TopicSink } from './publisher';

function sinkWith(subscribers: Record<string, number>) {
  const published: { topic: string; text: string }[] = [];
  const sink: TopicSink = {
    publish: (topic, text) => (published.push({ topic, text }), true),
    numSubscribers: (topic) => subscribers[topic] ?? 0,
  };
  return { sink, published };
}

const prepared = (frame: unknown) => {
  const r = prepareFrame({ id: `${Date.now()}-0`, fields: { f: JSON.stringify(frame) } });
  if (!r.ok) throw new Error(r.reason);
  return r.frame;
};

describe(createPublisher.name, () => {
  it('publishes once per topic with subscribers: the whole frame, and per symbol only that symbol', () => {
    const { sink, published } = sinkWith({ patterns: 100, 'patterns:NVDA': 2 });
    const metrics = createFanoutMetrics(createRegistry('t', { defaultMetrics: false }));
    const sut = createPublisher(sink, metrics, { compress: false });
    const frame = prepared(patternsFrame(['NVDA', 'AAPL']));
    const bytes = sut.publish(frame);
    expect(published.map((p) => p.topic)).toEqual(['patterns', 'patterns:NVDA']);
    expect(published[0]!.text).toBe(frame.text);
    expect(JSON.parse(published[1]!.text).data.count).toBe(1);
    expect(bytes).toBe(Buffer.byteLength(published[0]!.text) + Buffer.byteLength(published[1]!.text));
    expect(frame.data).toBeUndefined();
  });

  it('sends frames about no symbol to the symbol-less topic of narrowed sockets', () => {
    const { sink, published } = sinkWith({ 'alerts:': 1 });
    const sut = createPublisher(sink, createFanoutMetrics(createRegistry('t', { defaultMetrics: false })), { compress: false });
    sut.publish(prepared(criticalFrame()));
    expect(published.map((p) => p.topic)).toEqual(['alerts:']);
  });

  it('counts one frame out per receiving socket and observes the append-to-send lag', async () => {
    const { sink } = sinkWith({ patterns: 3 });
    const metrics = createFanoutMetrics(createRegistry('t', { defaultMetrics: false }));
    createPublisher(sink, metrics, { compress: false }).publish(prepared(patternsFrame(['NVDA'])));
    expect((await metrics.framesOut.get()).values.find((v) => v.labels.path === 'live')?.value).toBe(3);
    expect((await metrics.lag.get()).values.find((v) => v.metricName === 'fanout_append_to_send_lag_seconds_count')?.value).toBe(1);
  });
});
