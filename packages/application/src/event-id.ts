import { hash } from 'node:crypto';

// Namespace for product event ids (a fixed random UUID): the same source record always gets the same id.
const NAMESPACE = Buffer.from('6f1c0a64f0b84a4c9a7e2b1d3c5e7f90', 'hex');
const VARIANT = ['8', '9', 'a', 'b'] as const;

/** RFC 9562 version-5 UUID of `name` in the product-events namespace. */
export const eventIdFor = (name: string): string => {
  // One-shot hash straight to hex: the stream processor derives one id per record, and a Hash object per
  // id cost more than the rest of the id.
  const hex = hash('sha1', Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]), 'hex');
  // Version 5 in the high nibble of byte 6; the RFC variant (10xx) in the high bits of byte 8.
  const variant = VARIANT[Number.parseInt(hex[16]!, 16) & 0x3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
