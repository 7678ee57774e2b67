/**
 * Reads one sample from Prometheus text exposition: the value of `name` whose label set is
 * exactly `labels` (undefined when there is no such line).
 */
export function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      found[pair[1] ?? ''] = (pair[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const keys = Object.keys(labels);
    if (keys.length !== Object.keys(found).length) continue;
    if (keys.every((key) => found[key] === labels[key])) return Number(match[3]);
  }
  return undefined;
}
