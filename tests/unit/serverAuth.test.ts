import { describe, expect, it } from 'vitest';
import { scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, verifyPassword } from '#core/security/password';
import { newToken, tokenHash } from '#server/auth/tokens';
import { unitScopeOf, inUnitScope } from '#server/auth/scope';
import { openApiPath } from '#server/api/openapi';

describe('server passwords and tokens', () => {
  it('hashes with scrypt, a per-user salt and the parameters in the string', async () => {
    const a = await hashPassword('zażółć gęślą jaźń');
    const b = await hashPassword('zażółć gęślą jaźń');
    expect(a).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(needsRehash(a)).toBe(false);
    expect(a).not.toBe(b);
    expect(await verifyPassword('zażółć gęślą jaźń', a)).toBe(true);
    // The same text typed with combining marks (NFD) is the same password.
    expect(await verifyPassword('zażółć gęślą jaźń'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('zazolc gesla jazn', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('a hash made with older, weaker parameters still verifies and asks to be made again', async () => {
    const salt = Buffer.from('sól-sól-sól-sól!');
    const old = `$scrypt$ln=15,r=8,p=1$${salt.toString('base64')}$${scryptSync('demo1234', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')}`;
    expect(await verifyPassword('demo1234', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('not-a-hash')).toBe(true);
  });

  it('makes 43-character base64url tokens and stores only their SHA-256', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken()).not.toBe(t);
  });
});

describe('unit scope on the server', () => {
  const tree = [
    { id: 'gk', parentId: null },
    { id: 'gk-i', parentId: 'gk' },
    { id: 'gk-i-a', parentId: 'gk-i' },
    { id: 'fn', parentId: null },
  ];
  it('gives the registry office and admins every unit', () => {
    expect(unitScopeOf({ role: 'registry', unitId: 'fn' }, tree)).toEqual({ all: true });
    expect(unitScopeOf({ role: 'admin', unitId: 'fn' }, tree)).toEqual({ all: true });
  });
  it('gives heads and clerks their unit and everything under it, plus extra roots', () => {
    const head = unitScopeOf({ role: 'head', unitId: 'gk' }, tree);
    expect(['gk', 'gk-i', 'gk-i-a'].every((u) => inUnitScope(head, u))).toBe(true);
    expect(inUnitScope(head, 'fn')).toBe(false);
    const clerk = unitScopeOf({ role: 'clerk', unitId: 'gk-i' }, tree);
    expect(inUnitScope(clerk, 'gk')).toBe(false);
    expect(inUnitScope(clerk, 'gk-i-a')).toBe(true);
    expect(inUnitScope(unitScopeOf({ role: 'clerk', unitId: 'gk-i' }, tree, ['fn']), 'fn')).toBe(true);
  });
});

describe('OpenAPI paths', () => {
  it('turns Fastify parameters into OpenAPI ones', () => {
    expect(openApiPath('/blobs/:sha256')).toBe('/blobs/{sha256}');
    expect(openApiPath('/auth/login')).toBe('/auth/login');
  });
});
