import { describe, expect, it } from 'vitest';
import { isLoopback } from './local-http';
import { parseTokenRequest } from './token-request';

describe(parseTokenRequest, () => {
  it('maps the optional fields', () => {
    expect(parseTokenRequest({})).toEqual({});
    expect(parseTokenRequest({ scope: 'a b', clientId: 'c', subject: 'd', expiresIn: 60 })).toEqual({
      scope: 'a b',
      clientId: 'c',
      subject: 'd',
      expiresInSeconds: 60,
    });
  });

  it.each([
    [{ admin: true }, /Unknown field/],
    [{ scope: '' }, /scope/],
    [{ scope: 'a  b' }, /scope/],
    [{ scope: 7 }, /scope/],
    [{ clientId: 'has space' }, /clientId/],
    [{ subject: 'x'.repeat(129) }, /subject/],
    [{ expiresIn: 1.5 }, /expiresIn/],
    [{ expiresIn: '60' }, /expiresIn/],
    [{ expiresIn: -1 }, /expiresIn/],
  ])('refuses %j with a 400 that says what is wrong', (body, message) => {
    expect(() => parseTokenRequest(body)).toThrow(message);
  });
});

describe(isLoopback, () => {
  it.each(['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])('counts %s as loopback', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '1127.0.0.1', undefined])(
    'does not count %s',
    (address) => {
      expect(isLoopback(address)).toBe(false);
    },
  );
});
