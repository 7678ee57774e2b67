import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { until } from '../support/processes.ts';
import { REPO_ROOT } from '../support/server-process.ts';

/**
 * No container engine runs here, so the Dockerfile is replayed outside one: each stage gets
 * a temporary directory standing for its WORKDIR, COPY copies from the repository (the build
 * context, minus .dockerignore) or from an earlier stage, ENV sets the environment and RUN runs
 * in `sh`. The runtime stage's `npm ci --omit=dev` runs for real (a runtime dependency listed
 * as a devDependency would fail here); the build stage's full `npm ci` installs the same
 * lockfile as the repository's own node_modules, which is linked instead to keep the test
 * short. Then the image's CMD starts, its HEALTHCHECK passes and a query is answered.
 * Also lints the YAML and JSON that ship.
 */

interface Stage {
  name: string;
  from: string;
  dir: string;
  env: Record<string, string>;
  workdir: string;
  user: string;
  runs: string[];
  cmd: string[];
  healthcheck: string[];
}

const NODE_BIN = join(REPO_ROOT, 'node_modules/node/bin');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Dockerfile instructions, with continuation lines joined and comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

function ignored(): string[] {
  return readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function replay(text: string): Stage[] {
  const stages: Stage[] = [];
  const ignore = ignored();
  for (const { op, args } of instructions(text)) {
    const stage = stages.at(-1);
    if (op === 'FROM') {
      const [from = '', , name = ''] = args.split(/\s+/);
      const dir = mkdtempSync(join(tmpdir(), `gateway-image-${name}-`));
      dirs.push(dir);
      stages.push({
        name,
        from,
        dir,
        env: {},
        workdir: '/',
        user: 'root',
        runs: [],
        cmd: [],
        healthcheck: [],
      });
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    switch (op) {
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'ENV':
        for (const pair of args.split(/\s+/)) {
          const [key = '', ...value] = pair.split('=');
          stage.env[key] = value.join('=');
        }
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const fromStage = parts[0]?.startsWith('--from=')
          ? parts.shift()?.slice('--from='.length)
          : undefined;
        const dest = parts.pop() ?? '.';
        for (const source of parts) {
          let root = REPO_ROOT;
          let path = source;
          if (fromStage !== undefined) {
            const other = stages.find((s) => s.name === fromStage);
            if (!other) throw new Error(`COPY --from=${fromStage}: no such stage`);
            root = other.dir;
            path = source.replace(new RegExp(`^${other.workdir}/?`), '');
          } else {
            expect(ignore, `${source} is in .dockerignore`).not.toContain(source);
          }
          const target = dest.endsWith('/')
            ? join(stage.dir, dest, path.split('/').pop() ?? '')
            : join(stage.dir, dest);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(join(root, path), target, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        stage.runs.push(args);
        const fullInstall = /^npm ci\b/.test(args) && !args.includes('--omit=dev');
        if (fullInstall) {
          symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage.dir, 'node_modules'));
          break;
        }
        const result = spawnSync('sh', ['-c', args], {
          cwd: stage.dir,
          env: {
            PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`,
            HOME: process.env.HOME ?? '',
            npm_config_prefer_offline: 'true',
            ...stage.env,
          },
          encoding: 'utf8',
          timeout: 240_000,
        });
        expect(result.status, `RUN ${args}\n${result.stdout}\n${result.stderr}`).toBe(0);
        break;
      }
      case 'USER':
        stage.user = args;
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args);
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4));
        break;
      case 'EXPOSE':
      case 'STOPSIGNAL':
        break;
      default:
        throw new Error(`the replay does not know ${op}`);
    }
  }
  return stages;
}

describe('the Dockerfile, replayed outside a container', () => {
  it('builds, installs production dependencies only, starts as CMD, passes HEALTHCHECK and answers', async () => {
    const stages = replay(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
    const runtime = stages.at(-1);
    if (!runtime) throw new Error('no stage');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:24(\.\d+)*-slim$/);
    expect(runtime.runs.some((run) => /^npm ci --omit=dev\b/.test(run))).toBe(true);
    expect(runtime.user).not.toMatch(/^(root|0)$/);
    expect(runtime.env.HOST).toBe('0.0.0.0');
    expect(runtime.cmd).toEqual(['node', 'dist/server.js']);
    expect(runtime.healthcheck.join(' ')).toContain('/health');
    // Production dependencies only, and no TypeScript sources.
    expect(existsSync(join(runtime.dir, 'node_modules/graphql-yoga'))).toBe(true);
    expect(existsSync(join(runtime.dir, 'node_modules/prom-client'))).toBe(true);
    expect(existsSync(join(runtime.dir, 'node_modules/vitest'))).toBe(false);
    expect(existsSync(join(runtime.dir, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(runtime.dir, 'src'))).toBe(false);

    const [command = '', ...args] = runtime.cmd;
    const env = {
      PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`,
      ...runtime.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(command, args, { cwd: runtime.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      expect(await until(() => /GraphiQL at \S+/.test(stdout), 30_000), stderr).toBe(true);
      expect(stdout).toMatch(
        /^mode=sandbox: .*; running the compiled build \(dist\/\); GraphiQL at http:\/\/0\.0\.0\.0:/,
      );
      const port = /GraphiQL at http:\/\/0\.0\.0\.0:(\d+)\//.exec(stdout)?.[1] ?? '';

      const [check = '', ...checkArgs] = runtime.healthcheck;
      const health = spawnSync(check, checkArgs, { env: { ...env, PORT: port }, encoding: 'utf8' });
      expect(health.status, health.stderr).toBe(0);

      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ meetings(first: 2) { totalCount nodes { title } } }' }),
      });
      const body = (await response.json()) as {
        data?: { meetings?: { totalCount: number; nodes: unknown[] } };
      };
      expect(body.data?.meetings?.totalCount).toBe(240);
      expect(body.data?.meetings?.nodes).toHaveLength(2);
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    }
  }, 300_000);
});

describe('shipped configuration files', () => {
  it('compose.yaml is valid YAML: 3 gateway replicas from this Dockerfile, Redis, and a load balancer', () => {
    const document = parseDocument(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8'), {
      uniqueKeys: true,
    });
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
    const compose = document.toJS() as {
      services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
    };
    const { gateway, redis, lb } = compose.services;
    expect((gateway?.deploy as { replicas?: number } | undefined)?.replicas).toBe(3);
    expect(gateway?.build).toBe('.');
    expect(gateway?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(String(redis?.image)).toMatch(/^(redis|valkey)/);
    expect(String(lb?.image)).toMatch(/^nginx/);
    const volume = (lb?.volumes as string[] | undefined)?.[0] ?? '';
    expect(existsSync(join(REPO_ROOT, volume.split(':')[0] ?? ''))).toBe(true);
    // Every variable the gateway gets is one it knows (named in the README's tables).
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(gateway?.environment ?? {})) expect(readme).toContain(`\`${name}\``);
  });

  it('deploy/nginx.conf balances over the gateway service and keeps /metrics inside', () => {
    const conf = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8').replace(/#.*$/gm, '');
    let depth = 0;
    for (const char of conf) {
      if (char === '{') depth++;
      if (char === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    // Every simple directive ends with a semicolon.
    for (const line of conf.split('\n').map((l) => l.trim())) {
      if (line === '' || line.endsWith('{') || line === '}') continue;
      expect(line, line).toMatch(/;$/);
    }
    expect(conf).toMatch(/server gateway:4000/);
    expect(conf).toMatch(/location = \/metrics \{\s*return 404;/);
  });

  it('every tracked JSON file parses', () => {
    const files = spawnSync('git', ['ls-files', '*.json'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    expect(files).toContain('package.json');
    expect(files).toContain('tsconfig.build.json');
    for (const file of files)
      expect(() => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')), file).not.toThrow();
  });
});
