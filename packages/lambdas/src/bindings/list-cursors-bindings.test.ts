import { InvalidCursorError, ProductId } from '@catalog/domain';
import { ListCursors } from '@catalog/ports';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { dynamoDbPersistence } from './dynamodb-persistence';
import type { Persistence } from './persistence';
import { postgresPersistence } from './postgres-persistence';

const KEY = 'list-cursor-pinning-key-0123456789abcdef';
const position = { id: ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60') };
const PAYLOAD = 'eyJ2IjoxLCJrIjp7ImlkIjoiM2YwYjdjMWUtNmEwYi00YzVlLTlhM2YtMWIyYzNkNGU1ZjYwIn19';
const env = {
  AWS_REGION: 'eu-west-1',
  LOG_LEVEL: 'error',
  CURSOR_SIGNING_KEY: KEY,
  PRODUCTS_TABLE_NAME: 'catalog-test-products',
  POSTGRES_URL: 'postgres://catalog:secret@127.0.0.1:5432/catalog',
};

const listCursorsOf = (persistence: Persistence, environment: typeof env): ListCursors => {
  const container = new Container();
  container.load(...persistence.listing(environment).modules);
  return container.get<ListCursors>(ListCursors);
};

// What list-products issues for CURSOR_SIGNING_KEY, byte for byte: each persistence signs with the context
// it always had, so cursors that clients hold stay valid, and one store's cursor is refused by the other.
describe('the ListCursors of list-products', () => {
  it.each([
    ['dynamodb', dynamoDbPersistence, `${PAYLOAD}.epkO4UaP4nd7rDgdWir8_n7jwrmqoZKqEhVMjvXTEQ8`],
    ['postgres', postgresPersistence, `${PAYLOAD}.kr7bAb-bFevcChoJFmrdPSB5IaAmxNUxzBLnrQdxK-o`],
  ])('on %s signs with the environment key and its own context', (_, persistence, cursor) => {
    const cursors = listCursorsOf(persistence, env);
    expect(cursors.encode(position)).toBe(cursor);
    expect(cursors.decode(cursor)).toEqual(position);
  });

  it('refuses a cursor issued by the other persistence under the same key', () => {
    const dynamodb = listCursorsOf(dynamoDbPersistence, env);
    const postgres = listCursorsOf(postgresPersistence, env);
    expect(() => postgres.decode(dynamodb.encode(position))).toThrow(InvalidCursorError);
    expect(() => dynamodb.decode(postgres.encode(position))).toThrow(InvalidCursorError);
  });

  it('signs with a key of its own, not the secret, in the functions that never list', () => {
    const container = new Container();
    container.load(...dynamoDbPersistence.products(env).modules);
    const issued = container.get<ListCursors>(ListCursors).encode(position);
    expect(issued).not.toBe(`${PAYLOAD}.epkO4UaP4nd7rDgdWir8_n7jwrmqoZKqEhVMjvXTEQ8`);
    const listing = listCursorsOf(dynamoDbPersistence, env);
    expect(() => listing.decode(issued)).toThrow(InvalidCursorError);
  });
});
