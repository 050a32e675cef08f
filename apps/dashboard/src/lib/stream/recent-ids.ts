// A bounded set of ids already shown. Resumes may replay a frame the page already has, and REST
// seeds overlap live frames; rows are deduplicated by event id. The bound keeps a page open all
// day from growing: ids older than `capacity` insertions are forgotten, long after their rows
// left the bounded tables.
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #order: string[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  /** True when `id` was new (and is now remembered). */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    this.#order.push(id);
    if (this.#order.length - this.#head > this.capacity) {
      this.#ids.delete(this.#order[this.#head]!);
      this.#head++;
      // Compact now and then instead of shifting on every insert.
      if (this.#head > this.capacity) {
        this.#order.splice(0, this.#head);
        this.#head = 0;
      }
    }
    return true;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  get size(): number {
    return this.#ids.size;
  }
}
