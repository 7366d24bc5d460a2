// Loaded with `node --require`: writes the process's peak resident set size (kB) where the benchmark asks, and
// next to it (`.cpu`) the CPU time of all its threads in ms.
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
    const cpu = process.cpuUsage();
    writeFileSync(`${target}.cpu`, String((cpu.user + cpu.system) / 1000));
  });
}
