// Loaded with `node --require`: writes the process's peak resident set size (kB) where the benchmark asks.
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
