// Shapes of the benchmark's results (bench/results/latest.json).

import type { ClusterResult } from './cluster.ts';
import type { GridResult } from './grid.ts';
import type { MachineInfo } from './machine.ts';
import type { CachedResult, ManyCallersResult } from './many-callers.ts';
import type { Spread } from './stats.ts';

export type Kind = 'direct' | 'floor' | 'gateway' | 'variant';

export interface RunRecord {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests autocannon wrote. */
  sent: number;
  /** HTTP requests the measured server received (and handled to the end) during the run. */
  served: number;
  /** CPU time of the measured server process per request handled (the sandbox's for direct). */
  cpuUsPerReq: number;
  upstreamCpuUsPerReq: number;
  /** CPU time of the load generator (this process) per request. */
  clientCpuUsPerReq: number;
  machineBusyPct: number;
  upstreamCalls: number;
  rowsRequested: number;
  /** New upstream TCP connections during the measured run. */
  newConnections: number;
  /** New upstream TCP connections during the pre-roll: reconnects after the idle gap before the run. */
  preRollConnections: number;
  rssPeakBytes: number;
  heapTotalAtPeakBytes: number;
  externalAtPeakBytes: number;
  newSpaceAtPeakBytes: number;
  oldSpaceAtPeakBytes: number;
  /** File-backed part of the RSS at the peak (the node binary's pages, shared). */
  rssFileAtPeakBytes: number;
  rssAnonAtPeakBytes: number;
}

export interface Summary {
  rps: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  cpuUsPerReq: Spread;
  upstreamCpuUsPerReq: Spread;
  clientCpuUsPerReq: Spread;
  machineBusyPct: Spread;
  runs: number;
}

export interface TargetSummary {
  kind: Kind;
  description?: string;
  /** Closed loop at 50 connections. */
  max: Summary;
  /** Paced at the pass's fixed rate. */
  fixed: Summary;
  /** RSS right after start (and a second's settling), before any request. */
  rssMbIdle: number;
  rssMbAfterWarmup: number;
  rssMbPeak: number;
  /** V8 heap (total) and external memory at the RSS peak sample. */
  heapTotalMbAtPeak: number;
  externalMbAtPeak: number;
  newSpaceMbAtPeak: number;
  oldSpaceMbAtPeak: number;
  rssFileMbAtPeak: number;
  /** Peak of the anonymous (process-private) part of the RSS. */
  rssAnonMbPeak: number;
  /** Upstream list calls per request served, all measured runs together. */
  upstreamCallsPerQuery: number;
  /** New upstream TCP connections per 1,000 requests during measured runs. */
  newConnectionsPer1000: number;
  /** The same including pre-rolls, i.e. reconnects after the idle gaps between runs. */
  newConnectionsPer1000InclIdleGaps: number;
}

export interface PassResult {
  latencyMs: number;
  fixedRate: number;
  targets: Record<string, TargetSummary>;
  /** New upstream connections of the gateway in back-to-back windows after the warm-up. */
  steady: {
    windows: number;
    windowSeconds: number;
    queries: number;
    newConnections: number;
    newConnectionsPer1000: number;
  };
  ratios: {
    gatewayVsDirectRps: number;
    gatewayVsFloorRps: number;
    gatewayVsFloorCpu: number;
    /** The median of the per-round ratios of CPU per request (gateway / floor, the same round). */
    gatewayVsFloorCpuPaired: number;
    addedP50Ms: number;
    floorAddedP50Ms: number;
    /** addedP50Ms / floorAddedP50Ms: the gateway's added p50 latency at the fixed rate over the floor's. */
    addedP50VsFloor: number;
    /** Peak RSS at 50 connections over the floor's, in the same pass. */
    gatewayVsFloorRssPeak: number;
    /** CPU per request of the `gateway no-repeat` variant (every upstream body decoded) over the floor's, when it ran. */
    noRepeatVsFloorCpu?: number;
    /** The `gateway no-short-path` variant's CPU per request over the floor's (when it ran). */
    noShortPathVsFloorCpu?: number;
  };
  seconds: number;
}

export interface TargetCheck {
  name: string;
  threshold: string;
  measured: string;
  holds: boolean;
}

export interface VariantInfo {
  name: string;
  description: string;
  env: Record<string, string>;
  /** Entry file when not the production entry (or the hooked one when env.BENCH_VARIANT is set). */
  entry?: string;
  /** Node flags before the entry. */
  nodeArgs?: string[];
  latencies: number[];
  /** Only run when named in --variants. */
  optional?: boolean;
}

export interface BenchResults {
  kind: 'quick' | 'full';
  date: string;
  seconds: number;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  settings: Record<string, unknown>;
  primaryLatencyMs: number;
  ratios: PassResult['ratios'];
  gateway: {
    rps: Spread;
    p50Ms: Spread;
    p99Ms: Spread;
    cpuUsPerReq: Spread;
    /** RSS in service mode after start, before any request. */
    rssMbIdle: number;
    rssMbAfterWarmup: number;
    rssMbPeak: number;
    rssAnonMbPeak: number;
  };
  floor: { cpuUsPerReq: Spread; rssMbIdle: number; rssMbPeak: number };
  upstream: {
    callsPerQuery: number;
    /** Steady state (see PassResult.steady) of the first pass. */
    newConnectionsPer1000: number;
    steady: PassResult['steady'];
    /** During the rotated measured runs, where the pool regrows after idle gaps. */
    newConnectionsPer1000InRotation: number;
    newConnectionsPer1000InclIdleGaps: number;
  };
  grid: GridResult | null;
  /** Many callers on one budget (`many-callers.ts`); null with --no-many. */
  manyCallers: ManyCallersResult | null;
  manyCallersRedis: ManyCallersResult | null;
  cached: (CachedResult & { passThroughCpuUsPerReq: number }) | null;
  passes: Record<string, PassResult>;
  targets: { latencyMs: number; checks: TargetCheck[] }[];
  variants: VariantInfo[];
  /** WEB_CONCURRENCY = cores vs one process (bench/cluster.ts); null when skipped. */
  cluster?: ClusterResult | null;
}
