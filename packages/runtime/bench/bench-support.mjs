// What the runtime's A/B benchmarks share: their command-line options, CPU time, and the ratio
// of sums with a bootstrap interval they print (a fixed-seed generator keeps the interval
// reproducible for the same samples).

/** The value after `--name` in `args`, else `dflt`. */
export function option(args, name, dflt) {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1];
}

/** This process's CPU time (user + system) in microseconds. */
export function cpuUs() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export const hex = (b) => Buffer.from(b).toString('hex');

/** `sum(b) / sum(a)` and its 90% bootstrap interval, formatted. */
export function pairedRatio(a, b) {
  const sum = (x) => x.reduce((s, y) => s + y, 0);
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const boots = [];
  for (let k = 0; k < 2000; k++) {
    let sa = 0;
    let sb = 0;
    for (let j = 0; j < a.length; j++) {
      const t = Math.floor(rnd() * a.length);
      sa += a[t];
      sb += b[t];
    }
    boots.push(sb / sa);
  }
  boots.sort((u, v) => u - v);
  return `${(sum(b) / sum(a)).toFixed(3)} (90% ${boots[100].toFixed(3)}–${boots[1900].toFixed(3)})`;
}
