import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

type Native = unknown;

// The SDK's unmarshall, for what a product item never holds (binary and set types): the same result.
const viaSdk = (value: AttributeValue): Native => unmarshall({ value }).value;

// As the SDK converts numbers (without `wrapNumbers`): a finite number beyond the safe integers is a BigInt.
const numberOf = (text: string): Native => {
  const number = Number(text);
  const unsafe =
    (number > Number.MAX_SAFE_INTEGER || number < Number.MIN_SAFE_INTEGER) && Number.isFinite(number);
  if (!unsafe) return number;
  try {
    return BigInt(text);
  } catch {
    throw new Error(`${text} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
  }
};

const nativeOf = (value: AttributeValue): Native => {
  // Like the SDK's convertToNative: the first type key that holds a value decides.
  for (const type in value) {
    const held = (value as unknown as Record<string, unknown>)[type];
    if (held === undefined) continue;
    switch (type) {
      case 'S':
        return held;
      case 'N':
        return numberOf(held as string);
      case 'M':
        return imageOf(held as Record<string, AttributeValue>);
      case 'NULL':
        return null;
      case 'BOOL':
        return Boolean(held);
      case 'L':
        return (held as AttributeValue[]).map(nativeOf);
      default:
        return viaSdk(value);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(value)}`);
};

/**
 * A stream image (`NewImage` / `OldImage`) as plain values: what `unmarshall` of @aws-sdk/util-dynamodb
 * returns (numbers as numbers, or BigInt beyond the safe integers; sets and binaries through the SDK), and
 * the same errors, but without its per-attribute `Object.entries` / `reduce`, which cost the stream processor
 * about a third of its time per record (docs/decisions/0019-hot-paths-without-async-hooks.md).
 */
export const imageOf = (image: Record<string, AttributeValue>): Record<string, Native> => {
  const native: Record<string, Native> = {};
  for (const name of Object.keys(image)) native[name] = nativeOf(image[name]!);
  return native;
};
