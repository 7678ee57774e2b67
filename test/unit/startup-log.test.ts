import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { logStartup } from '../../src/logging/startup-log.ts';

// The start-up log lines, written through the gateway's real pino logger.

function startupLines(env: Record<string, string>): { level: string; msg: string; mode?: string }[] {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  logStartup(logger, loadConfig(env), 'http://127.0.0.1:4000/graphql');
  logger.flush();
  return lines.map((line) => JSON.parse(line));
}

describe('start-up log', () => {
  it('sandbox mode: one info line with the mode, no warning', () => {
    const lines = startupLines({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'gateway started', mode: 'sandbox' });
  });

  it('service mode on the default loopback HOST without caller auth: a warning naming the risk, never the token', () => {
    const lines = startupLines({
      CLOUDFLARE_API_TOKEN: 'service-token-never-logged',
      REALTIMEKIT_API_URL: 'http://127.0.0.1:9/client/v4',
    });
    expect(lines.map((line) => line.level)).toEqual(['info', 'warn']);
    expect(lines[0]?.mode).toBe('service');
    const warning = lines[1]?.msg;
    expect(warning).toMatch(/anyone who reaches this port reads meetings with the service token/);
    expect(warning).toMatch(/HOST=127\.0\.0\.1 is reachable from this machine only/);
    expect(JSON.stringify(lines)).not.toContain('service-token-never-logged');
  });

  it('service mode with caller authentication: no warning', () => {
    const lines = startupLines({
      CLOUDFLARE_API_TOKEN: 'service-token',
      AUTH_JWT_SECRET: 'a-secret-that-is-at-least-32-bytes-long!!',
    });
    expect(lines.map((line) => line.level)).toEqual(['info']);
  });
});
