// What a scenario lost and what it checked, printed as it goes and summed up at the end.
// A loss is either allowed by the contract (said why) or a failure; every check must hold.
export type Loss = { what: string; count: number; allowed: string | null };
export type Check = { what: string; ok: boolean; detail: string };

export class ScenarioReport {
  readonly losses: Loss[] = [];
  readonly checks: Check[] = [];
  readonly notes: string[] = [];
  error: Error | undefined;
  seconds = 0;
  /** The services' output, printed when the scenario failed. */
  logs: (() => string) | undefined;

  constructor(readonly name: string) {}

  /** A loss: `allowed` names the contract clause that permits it, or null when it must be 0. */
  loss(what: string, count: number, allowed: string | null = null): void {
    this.losses.push({ what, count, allowed });
  }

  check(what: string, ok: boolean, detail = ''): boolean {
    this.checks.push({ what, ok, detail });
    return ok;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  get passed(): boolean {
    return this.error === undefined && this.checks.every((c) => c.ok) && this.losses.every((l) => l.count === 0 || l.allowed !== null);
  }

  /** One `LOSS` line per scenario (what the issue asks each to print), then the details. */
  format(): string {
    const lost = this.losses.map((l) => `${l.what} ${l.count}${l.count > 0 && l.allowed ? ` (allowed: ${l.allowed})` : ''}`).join('; ');
    const lines = [`LOSS ${this.name}: ${lost || 'nothing counted'} — ${this.passed ? 'PASS' : 'FAIL'} (${this.seconds.toFixed(1)} s)`];
    for (const l of this.losses) if (l.count > 0 && !l.allowed) lines.push(`  ✗ lost beyond the contract: ${l.what} ${l.count}`);
    for (const c of this.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.what}${c.detail ? ` — ${c.detail}` : ''}`);
    for (const n of this.notes) lines.push(`  · ${n}`);
    if (this.error) lines.push(`  ✗ error: ${this.error.message}`);
    if (!this.passed && this.logs) lines.push(this.logs());
    return lines.join('\n');
  }
}
