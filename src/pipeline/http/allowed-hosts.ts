import type { Plugin } from 'graphql-yoga';
import { hostName } from '../../config.ts';
import { GatewayError } from '../../errors.ts';

/** Whether a request with this `Host` header is answered (one without is: see below). */
export function isAllowedHost(allowed: '*' | ReadonlySet<string>, host: string | null | undefined): boolean {
  return allowed === '*' || host == null || allowed.has(hostName(host));
}

/**
 * Answers 421 (Misdirected Request) to a request whose `Host` header names a host that is
 * not allowed (ALLOWED_HOSTS; by default only the loopback names when HOST is loopback).
 * This stops DNS rebinding: a web page on `attacker.example` that re-points its name to
 * 127.0.0.1 still sends `Host: attacker.example`, so it cannot read through a gateway that
 * holds the service token. Runs first, before anything else, and costs no upstream call.
 * A request without `Host` (not something a browser can send) is let through.
 */
export function useAllowedHosts(allowed: '*' | ReadonlySet<string>): Plugin {
  if (allowed === '*') return {};
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const host = request.headers.get('host');
      if (host === null || isAllowedHost(allowed, host)) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              new GatewayError(
                'BAD_REQUEST',
                `This gateway does not answer for host ${JSON.stringify(hostName(host).slice(0, 100))}; allowed hosts are set by ALLOWED_HOSTS.`,
              ).toJSON(),
            ],
          }),
          { status: 421, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}
