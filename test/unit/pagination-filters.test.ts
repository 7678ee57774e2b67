import { describe, expect, it } from 'vitest';
import { type FilterSet, filterKey } from '../../src/pagination/filters.ts';

const base: FilterSet = { accountId: 'acc', appId: 'app' };

describe('filterKey', () => {
  it('gives distinct keys to distinct filter sets', () => {
    const sets: FilterSet[] = [
      base,
      { ...base, status: 'ACTIVE' },
      { ...base, status: 'INACTIVE' },
      { ...base, search: '' },
      { ...base, search: 'null' },
      { ...base, startTime: '' },
      { ...base, endTime: '' },
      { ...base, startTime: 't' },
      { ...base, endTime: 't' },
      { ...base, search: 't' },
      { accountId: 'ac', appId: 'capp' },
      { accountId: 'acc', appId: 'app ' },
    ];
    expect(new Set(sets.map(filterKey)).size).toBe(sets.length);
  });

  it('ignores properties outside the filter set', () => {
    expect(filterKey({ ...base, extra: 1 } as FilterSet)).toBe(filterKey(base));
  });

  it('tells an absent field from an empty string', () => {
    expect(filterKey({ ...base, search: '' })).not.toBe(filterKey(base));
    expect(filterKey({ ...base, search: undefined })).toBe(filterKey(base));
  });

  it('does not depend on property order', () => {
    const a: FilterSet = { accountId: 'x', appId: 'y', status: 'ACTIVE', search: 's', endTime: 'e' };
    const b: FilterSet = { endTime: 'e', search: 's', status: 'ACTIVE', appId: 'y', accountId: 'x' };
    expect(filterKey(a)).toBe(filterKey(b));
  });

  it('cannot be fooled by separators inside values', () => {
    expect(filterKey({ accountId: 'a","b', appId: 'c' })).not.toBe(
      filterKey({ accountId: 'a', appId: 'b","c' }),
    );
  });
});
