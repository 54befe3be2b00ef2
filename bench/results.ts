/**
 * bench/RESULTS.md: each benchmark replaces its own section. A new section goes before
 * "## Registry intake", so the sections bench/run.ts owns (it rewrites from its heading to the
 * end of the file) stay last.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INTRO = '# Benchmark results\n\nFigures from `npm run bench` (bench/run.ts). Each run replaces its section. Benchmarks are not tests: they measure, they do not assert.\n\n';

/** Writes `section` (starting with `title`, e.g. "## Backups — date") in place of the old one. */
export function writeResultsSection(title: string, section: string): void {
  const file = join(process.cwd(), 'bench', 'RESULTS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : INTRO;
  const start = previous.indexOf(`\n${title} `);
  let next: string;
  if (start >= 0) {
    const after = previous.indexOf('\n## ', start + 1);
    next = `${previous.slice(0, start).trimEnd()}\n\n${section}${after >= 0 ? `\n${previous.slice(after + 1)}` : ''}`;
  } else {
    const registry = previous.indexOf('\n## Registry intake');
    next = registry >= 0 ? `${previous.slice(0, registry).trimEnd()}\n\n${section}\n${previous.slice(registry + 1)}` : `${previous.trimEnd()}\n\n${section}`;
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}
