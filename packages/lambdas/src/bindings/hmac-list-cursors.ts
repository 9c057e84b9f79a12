import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError, ProductId } from '@catalog/domain';
import type { ListCursors, ListPosition } from '@catalog/ports';

/** A secret that signs list cursors; anyone holding it can forge cursors, so it is at least 16 bytes. */
export type CursorSigningKey = string | Uint8Array;

// A cursor is `<payload>.<signature>`: the payload is the base64url JSON of the list position, the
// signature an HMAC-SHA256 of the context and the payload text. Clients cannot read anything useful from it,
// and any edit, truncation or cursor signed with another key or for another context fails verification.
const FORMAT_VERSION = 1;
const MIN_KEY_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * ListCursors signed with HMAC-SHA256. The context binds signatures to one use, should the same secret ever
 * sign something else; each persistence has its own (dynamodb-persistence, postgres-persistence), and
 * changing one invalidates every cursor clients hold.
 */
export class HmacListCursors implements ListCursors {
  private readonly key: Buffer;

  constructor(
    key: CursorSigningKey,
    private readonly context: string,
  ) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (this.key.length < MIN_KEY_BYTES) {
      throw new RangeError(`The cursor signing key must be at least ${MIN_KEY_BYTES} bytes long`);
    }
  }

  encode(position: ListPosition): string {
    const payload = Buffer.from(JSON.stringify({ v: FORMAT_VERSION, k: { id: position.id } })).toString(
      'base64url',
    );
    return `${payload}.${this.sign(payload)}`;
  }

  decode(cursor: string): ListPosition {
    const parts = cursor.split('.');
    const [payload, signature] = parts;
    if (
      parts.length !== 2 ||
      payload === undefined ||
      signature === undefined ||
      !BASE64URL.test(payload) ||
      !this.verify(payload, signature)
    ) {
      throw new InvalidCursorError();
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch (error) {
      throw new InvalidCursorError({ cause: error });
    }
    // A valid signature over an unexpected shape means an older or newer format: still not usable here.
    const { v, k } = (decoded ?? {}) as { v?: unknown; k?: { id?: unknown } };
    const id = k?.id;
    if (v !== FORMAT_VERSION || !ProductId.isValid(id)) throw new InvalidCursorError();
    return { id: ProductId.parse(id) };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(`${this.context}\n${payload}`).digest('base64url');
  }

  // Compares the text, not the decoded bytes, so a non-canonical base64url spelling is rejected too.
  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
