// What the numbers were measured on: machine, OS, Node and package versions, CPU busy time.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { REPO_ROOT } from './children.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryMb: number;
  os: string;
  loadAverageAtStart: number[];
  node: string;
  packages: Record<string, string>;
}

const PACKAGES = [
  'graphql',
  'graphql-yoga',
  '@pothos/core',
  '@pothos/plugin-relay',
  'undici',
  'dataloader',
  'graphql-scalars',
  'autocannon',
];

function packageVersion(name: string): string {
  try {
    const text = readFileSync(`${REPO_ROOT}node_modules/${name}/package.json`, 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** Whole-machine CPU time so far (all cores), to tell how busy the machine was during a run. */
export function machineCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    const sum = t.user + t.nice + t.sys + t.idle + t.irq;
    total += sum;
    busy += sum - t.idle;
  }
  return { busy, total };
}

/** Fraction of all cores' time that was busy between two readings, in percent. */
export function busyPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  return total <= 0 ? Number.NaN : (100 * (after.busy - before.busy)) / total;
}
