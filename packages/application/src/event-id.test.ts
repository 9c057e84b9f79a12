import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventIdFor } from './event-id';

describe(eventIdFor, () => {
  it('is a version-5 UUID', () => {
    expect(eventIdFor('record-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is the same for the same record and different for another', () => {
    expect(eventIdFor('record-1')).toBe(eventIdFor('record-1'));
    expect(eventIdFor('record-1')).not.toBe(eventIdFor('record-2'));
  });

  it('does not change between releases (consumers dedupe on it)', () => {
    // Checked against Python's uuid.uuid5(UUID('6f1c0a64-f0b8-4a4c-9a7e-2b1d3c5e7f90'), name).
    expect(eventIdFor('c0e1ea2d1bd7a7ea8fe5a6fb0ff4a66d')).toBe('0373ffec-34ba-52f2-afc0-c613744d0811');
  });

  it('is the RFC 9562 version-5 construction for every name (bytes 6 and 8 set on the SHA-1)', () => {
    const namespace = Buffer.from('6f1c0a64f0b84a4c9a7e2b1d3c5e7f90', 'hex');
    const reference = (name: string) => {
      const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
      bytes[6] = (bytes[6]! & 0x0f) | 0x50;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    for (const name of Array.from({ length: 256 }, (_, i) => `shardId-0001:${i}:é${'x'.repeat(i % 7)}`)) {
      expect(eventIdFor(name)).toBe(reference(name));
    }
  });
});
