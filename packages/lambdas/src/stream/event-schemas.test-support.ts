import { readFileSync } from 'node:fs';
import { PRODUCT_EVENT_TYPES, type ProductEventType } from '@catalog/domain';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** docs/events/<kebab-case type>.schema.json: one JSON Schema (2020-12) per detail type. */
export const schemaUrl = (type: ProductEventType): URL =>
  new URL(
    `../../../../docs/events/${type.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}.schema.json`,
    import.meta.url,
  );

export const loadSchema = (type: ProductEventType): Record<string, unknown> =>
  JSON.parse(readFileSync(schemaUrl(type), 'utf8')) as Record<string, unknown>;

/** A strict validator per detail type: unknown keywords or formats in a schema are errors too. */
export const detailValidators = (): Record<ProductEventType, ValidateFunction> => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return Object.fromEntries(
    PRODUCT_EVENT_TYPES.map((type) => [type, ajv.compile(loadSchema(type))]),
  ) as Record<ProductEventType, ValidateFunction>;
};
