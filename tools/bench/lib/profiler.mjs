// CPU profiles of just the measured region (the V8 sampling profiler through node:inspector, the
// same data `node --cpu-prof` writes), so set-up work such as building a genesis stays out.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Runs `fn` under the CPU profiler, writes the .cpuprofile to `file`, returns fn's result. */
export async function profileRegion(file, fn, { intervalUs = 200 } = {}) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  let value;
  try {
    value = await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
  return value;
}
