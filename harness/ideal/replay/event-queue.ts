import FlatQueue from 'flatqueue';

/**
 * Pending events in time order, events at equal times in the order they were pushed (FlatQueue alone leaves
 * ties unordered; FIFO ties keep the replay's order canonical, e.g. a freed slot goes to the oldest waiter).
 * An event is two numbers, `kind` and `ref`, so no object is made per event. `pop()` moves the next one into
 * `time`, `kind` and `ref`.
 */
export class EventQueue {
  time = 0;
  kind = 0;
  ref = 0;
  readonly #heap = new FlatQueue<number>();
  // Per pending event, by slot (slots are reused): its kind, ref and push sequence.
  readonly #kinds: number[] = [];
  readonly #refs: number[] = [];
  readonly #seqs: number[] = [];
  readonly #free: number[] = [];
  #nextSeq = 0;
  // Slots due at `time`, sorted by sequence; read from #tieHead on.
  readonly #ties: number[] = [];
  #tieHead = 0;
  readonly #bySeq = (a: number, b: number): number => (this.#seqs[a] ?? 0) - (this.#seqs[b] ?? 0);

  get length(): number {
    return this.#heap.length + this.#ties.length - this.#tieHead;
  }

  /** Times must not lie before the event being handled. */
  push(time: number, kind: number, ref: number): void {
    const slot = this.#free.pop() ?? this.#kinds.length;
    this.#kinds[slot] = kind;
    this.#refs[slot] = ref;
    this.#seqs[slot] = this.#nextSeq;
    this.#nextSeq += 1;
    this.#heap.push(slot, time);
  }

  pop(): boolean {
    if (this.#tieHead >= this.#ties.length && !this.#gatherTies()) return false;
    const slot = this.#ties[this.#tieHead] ?? 0;
    this.#tieHead += 1;
    this.kind = this.#kinds[slot] ?? 0;
    this.ref = this.#refs[slot] ?? 0;
    this.#free.push(slot);
    return true;
  }

  #gatherTies(): boolean {
    const ties = this.#ties;
    ties.length = 0;
    this.#tieHead = 0;
    const time = this.#heap.peekValue();
    if (time === undefined) return false;
    this.time = time;
    while (this.#heap.peekValue() === time) {
      const slot = this.#heap.pop();
      if (slot === undefined) break;
      ties.push(slot);
    }
    if (ties.length > 1) ties.sort(this.#bySeq);
    return true;
  }
}
