import { StoreUnavailableError, ValidationError, VersionConflictError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { isConnectionLoss, translateStoreError } from './store-errors';

const pgError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`server said ${code}`), { code, severity: 'ERROR', ...extra });
const network = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: 'connect' });

describe(translateStoreError, () => {
  it.each([
    ['connection loss', network('ECONNRESET')],
    ['connection refused', network('ECONNREFUSED')],
    ['DNS', network('ENOTFOUND')],
    ['socket timeout', network('ETIMEDOUT')],
    ['a broken connection', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a client-side query timeout', new Error('Query read timeout')],
    ['a connection exception (class 08)', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['admin shutdown (pg_terminate_backend, failover)', pgError('57P01')],
    ['a server starting up', pgError('57P03')],
    ['a statement timeout', pgError('57014')],
    ['a serialization failure', pgError('40001')],
    ['a deadlock', pgError('40P01')],
    ['a lock timeout', pgError('55P03')],
  ])('makes %s a StoreUnavailableError (503 + Retry-After) that keeps its cause', (_, error) => {
    const translated = translateStoreError(error, 'get product');
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect(translated).toMatchObject({ retryAfterSeconds: 1, cause: error });
    expect(translated.message).toContain('get product');
  });

  it('makes a check violation a ValidationError naming the constraint', () => {
    const error = pgError('23514', { constraint: 'products_name_check' });
    const translated = translateStoreError(error, 'create product');
    expect(translated).toBeInstanceOf(ValidationError);
    expect(translated).toMatchObject({ issues: [{ field: 'products_name_check' }], cause: error });
  });

  it("makes a unique violation the caller's conflict, or retryable contention without one", () => {
    const error = pgError('23505');
    const conflict = translateStoreError(
      error,
      'create product',
      (cause) => new VersionConflictError('x', 'absent', 1, { cause }),
    );
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(translateStoreError(error, 'claim')).toBeInstanceOf(StoreUnavailableError);
  });

  it('rethrows anything else wrapped, with its cause', () => {
    const error = pgError('42703');
    const translated = translateStoreError(error, 'list products');
    expect(translated).not.toBeInstanceOf(StoreUnavailableError);
    expect(translated).toMatchObject({
      cause: error,
      message: expect.stringContaining('PostgreSQL failed list products'),
    });
  });
});

describe(isConnectionLoss, () => {
  it('tells a dead connection from an error the server answered', () => {
    expect(isConnectionLoss(pgError('57P01'))).toBe(true);
    expect(isConnectionLoss(network('EPIPE'))).toBe(true);
    expect(isConnectionLoss(pgError('55P03'))).toBe(false);
    expect(isConnectionLoss(pgError('23505'))).toBe(false);
    expect(isConnectionLoss(new Error('relation "x" does not exist'))).toBe(false);
  });
});
