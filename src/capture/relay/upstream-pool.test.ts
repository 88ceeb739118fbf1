import { describe, expect, it } from 'vitest';
import { pendingLookups } from '../../collect/http.js';
import { UpstreamPool } from './upstream-pool.js';

describe('UpstreamPool', () => {
  it('counts its DNS lookups as pending, so a run that is done exits without waiting on them', async () => {
    const before = pendingLookups();
    // .invalid never resolves (RFC 6761): the lookup fails, whatever the resolver.
    const socket = new UpstreamPool(new URL('http://api.why401.invalid'), false).connect();
    socket.on('error', () => undefined);
    expect(pendingLookups()).toBe(before + 1);
    await new Promise((resolve) => socket.once('close', resolve));
    await expect.poll(() => pendingLookups()).toBe(before);
  });
});
