// A bounded set of ids already shown. Resumes may replay a frame the page already has, and REST
// seeds overlap live frames; rows are deduplicated by event id. The bound keeps a page open all
// day from growing: ids older than `capacity` insertions are forgotten, long after their rows
// left the bounded tables.
//
// A fixed ring: one slot array allocated up front and a Set, each holding at most `capacity` ids.
// The oldest id is overwritten in place when a new one arrives, so memory stops growing the moment
// the ring is full (an append-and-compact list held up to twice the capacity between compactions:
// the heap of a page open for ten minutes grew by a third, issue 6 "Measured").
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #ring: (string | undefined)[];
  /** The slot the next id goes into: once the ring is full, the oldest id's. */
  #next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RecentIds capacity must be a positive integer, got ${capacity}`);
    this.#ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** True when `id` was new (and is now remembered). */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#ids.delete(oldest);
    this.#ring[this.#next] = id;
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1;
    this.#ids.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  get size(): number {
    return this.#ids.size;
  }
}
