// Summarises V8 .cpuprofile files: self time by function and by package, top entries.
//   node bench/profile-summary.js /tmp/prof/CPU.*.cpuprofile
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const pkg = new Map();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
    const key = `${functionName || '(anon)'} ${where}:${lineNumber}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = url.includes('node_modules/')
      ? url
          .split('node_modules/')[1]
          .split('/')
          .slice(0, url.split('node_modules/')[1].startsWith('@') ? 2 : 1)
          .join('/')
      : url.startsWith('node:') || !url
        ? functionName.startsWith('(')
          ? functionName
          : 'node internals'
        : 'app';
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(
    `\n${file} (${(total / 1e6).toFixed(1)} s sampled)\nby package:\n${top(pkg, 12)}\nby function:\n${top(fn, 25)}`,
  );
}
