// Preloaded (`node --require coldReport.cjs ...`) into every cold-start process, `node -e 0` included, so each row
// pays the same: at exit it writes the process's own peak resident memory (getrusage maxrss, KiB, which Node gives as
// process.resourceUsage().maxRSS) and CPU time to stderr, where coldStart.mjs reads them. Node alone: no GNU time.
// What it cannot see is memory a process takes after its 'exit' event (V8 finishing a background compile while the
// process tears down); the "then idle" rows of coldStart.mjs let that finish before exiting, so their figure holds it.
'use strict';
process.on('exit', () => {
  const usage = process.resourceUsage();
  require('node:fs').writeSync(
    2,
    `\nensdk-bench-usage maxrss-kib=${usage.maxRSS} cpu-us=${usage.userCPUTime + usage.systemCPUTime}\n`,
  );
});
