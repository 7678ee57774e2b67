// The two error bodies the upstream sends: RealtimeKit's own `{success:false, error}`
// and Cloudflare's v4 `{success:false, errors:[…], messages:[], result:null}`.
import type { WireCloudflareErrorEnvelope, WireErrorEnvelope } from './wire.ts';

/** RealtimeKit's envelope; `code` is the HTTP status by convention. */
export function realtimeKitError(code: number, message: string): WireErrorEnvelope {
  return { success: false, error: { code, message } };
}

/** Cloudflare's v4 API envelope; `code` is a Cloudflare error code (e.g. 7003, 10000). */
export function cloudflareError(code: number, message: string): WireCloudflareErrorEnvelope {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}
