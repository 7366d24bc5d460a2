import type { Diagnostic } from '../types';

/** Each file's diagnostics as last published, and how many errors and warnings they hold in all. */
export class Published {
  private readonly byPath = new Map<string, { key: string; diagnostics: Diagnostic[] }>();
  private errors = 0;
  private warnings = 0;

  /** Records a file's diagnostics; true when they differ from what was last published. */
  set(path: string, diagnostics: Diagnostic[]): boolean {
    const key = JSON.stringify(diagnostics);
    const previous = this.byPath.get(path);
    if (previous?.key === key) return false;
    if (diagnostics.length === 0 && !previous) return false;
    if (previous) this.count(previous.diagnostics, -1);
    this.count(diagnostics, 1);
    if (diagnostics.length === 0) this.byPath.delete(path);
    else this.byPath.set(path, { key, diagnostics });
    return true;
  }

  get(path: string): Diagnostic[] {
    return this.byPath.get(path)?.diagnostics ?? [];
  }

  paths(): IterableIterator<string> {
    return this.byPath.keys();
  }

  /** Every file with at least one diagnostic. */
  all(): Map<string, Diagnostic[]> {
    const result = new Map<string, Diagnostic[]>();
    for (const [path, entry] of this.byPath) if (entry.diagnostics.length) result.set(path, entry.diagnostics);
    return result;
  }

  counts(): { errors: number; warnings: number } {
    return { errors: this.errors, warnings: this.warnings };
  }

  private count(diagnostics: readonly Diagnostic[], sign: 1 | -1): void {
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 'error') this.errors += sign;
      else if (diagnostic.severity === 'warning') this.warnings += sign;
    }
  }
}
