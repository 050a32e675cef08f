import { describe, expect, it } from 'vitest';
import { asClaim, asFieldMap, asSingleStreamRead, asStreamInfo } from './replies';

// Shapes as Redis 7.0 sends them over RESP2 (captured from redis-server 7.0.15).
describe('RESP2 reply parsing', () => {
  it('XREAD: null is nothing, [[key, entries]] is entries', () => {
    expect(asSingleStreamRead(null, 'XREAD')).toEqual([]);
    expect(asSingleStreamRead([['s', [['1-0', ['a', '1', 'b', '2']]]]], 'XREAD')).toEqual([
      { id: '1-0', fields: { a: '1', b: '2' } },
    ]);
  });

  it('XINFO STREAM: length, first entry id and last generated id', () => {
    const reply = ['length', 2, 'radix-tree-keys', 1, 'last-generated-id', '5-1', 'first-entry', ['5-0', ['a', '1']], 'last-entry', ['5-1', ['b', '2']]];
    expect(asStreamInfo(reply)).toEqual({ length: 2, firstId: '5-0', lastId: '5-1' });
    expect(asStreamInfo(['length', 0, 'last-generated-id', '5-1', 'first-entry', null])).toMatchObject({ firstId: null });
  });

  it('XAUTOCLAIM: next id, claimed entries, deleted ids', () => {
    expect(asClaim(['0-0', [['1-0', ['a', '1']]], ['0-5']])).toEqual({
      nextId: '0-0',
      entries: [{ id: '1-0', fields: { a: '1' } }],
      deletedIds: ['0-5'],
    });
  });

  it('fails loudly (COMMAND) on a shape it does not know, such as RESP3 maps', () => {
    expect(() => asSingleStreamRead(['s', [['1-0', ['a', '1']]]], 'XREAD')).toThrow(expect.objectContaining({ code: 'COMMAND' }));
    expect(() => asFieldMap({ a: '1' }, 'HGETALL')).toThrow(expect.objectContaining({ code: 'COMMAND' }));
  });
});
