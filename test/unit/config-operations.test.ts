import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** WEB_CONCURRENCY, METRICS_*, OTEL_* and the security switches of the operations work. */

describe('operations configuration', () => {
  it('defaults: one process, metrics on the public port, no tracing, exp required, no SDL without introspection', () => {
    const config = loadConfig({}, 2);
    expect(config.webConcurrency).toBe(1);
    expect(config.metrics).toEqual({ enabled: true, port: undefined });
    expect(config.tracing).toBe(false);
    expect(config.federationSdl).toBe(false);
  });

  it('WEB_CONCURRENCY: a number, or auto = the cores', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '3' }, 2).webConcurrency).toBe(3);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }, 6).webConcurrency).toBe(6);
    expect(loadConfig({ WEB_CONCURRENCY: 'AUTO' }, 1).webConcurrency).toBe(1);
  });

  it('METRICS_* and OTEL_*', () => {
    expect(loadConfig({ METRICS_ENABLED: 'false', METRICS_PORT: '9464' }, 2).metrics).toEqual({
      enabled: false,
      port: 9464,
    });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, 2).tracing).toBe(true);
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example.com/v1/traces' }, 2).tracing,
    ).toBe(true);
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }, 2)
        .tracing,
    ).toBe(false);
  });

  it.each([
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY must be a whole number from 1 to 256 or "auto", got "0".'],
    [
      { WEB_CONCURRENCY: 'many' },
      'WEB_CONCURRENCY must be a whole number from 1 to 256 or "auto", got "many".',
    ],
    [{ METRICS_ENABLED: 'yes' }, 'METRICS_ENABLED must be true or false, got "yes".'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT must be a whole number from 0 to 65535, got "70000".'],
    [{ AUTH_ALLOW_NO_EXP: 'maybe' }, 'AUTH_ALLOW_NO_EXP must be true or false, got "maybe".'],
    [{ FEDERATION_SDL: '2' }, 'FEDERATION_SDL must be true or false, got "2".'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL (an OTLP/HTTP collector), got "collector:4318".',
    ],
  ])('%o → one sentence naming the variable', (env, message) => {
    const base = { CLOUDFLARE_API_TOKEN: 't', AUTH_JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ ...base, ...env }, 2)).toThrow(new ConfigError(message));
  });
});
