/** Min-heap of (due time, incident id): the lifecycle sweep visits only incidents with something due. */
export class DueHeap {
  private readonly t: number[] = [];
  private readonly id: string[] = [];

  get size(): number {
    return this.t.length;
  }

  /** The earliest due time held (Infinity when empty). */
  get next(): number {
    return this.t.length ? this.t[0]! : Infinity;
  }

  push(due: number, id: string): void {
    let i = this.t.length;
    this.t.push(due);
    this.id.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.t[p]! <= due) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** The earliest entry due at or before `clock`, removed; undefined when none is. */
  popDue(clock: number): { due: number; id: string } | undefined {
    if (!this.t.length || this.t[0]! > clock) return undefined;
    const out = { due: this.t[0]!, id: this.id[0]! };
    const lastT = this.t.pop()!;
    const lastId = this.id.pop()!;
    if (this.t.length) {
      this.t[0] = lastT;
      this.id[0] = lastId;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.t.length && this.t[l]! < this.t[m]!) m = l;
        if (r < this.t.length && this.t[r]! < this.t[m]!) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return out;
  }

  private swap(a: number, b: number): void {
    [this.t[a], this.t[b]] = [this.t[b]!, this.t[a]!];
    [this.id[a], this.id[b]] = [this.id[b]!, this.id[a]!];
  }
}
