import { createHash } from 'node:crypto';

// Namespace for product event ids (a fixed random UUID): the same source record always gets the same id.
const NAMESPACE = Buffer.from('6f1c0a64f0b84a4c9a7e2b1d3c5e7f90', 'hex');

/** RFC 9562 version-5 UUID of `name` in the product-events namespace. */
export const eventIdFor = (name: string): string => {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
