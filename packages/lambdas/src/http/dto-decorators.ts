import { registerDecorator, ValidateNested } from 'class-validator';

export type DtoClass<T extends object = object> = new () => T;

export type JsonType = 'string' | 'number' | 'object';

/** The class-validator constraint name of @JsonValue. */
export const JSON_VALUE_CONSTRAINT = 'jsonValue';

const TYPE_MESSAGES: Readonly<Record<JsonType, string>> = {
  string: 'must be a string',
  number: 'must be a number',
  object: 'must be an object',
};

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasJsonType = (value: unknown, type: JsonType): boolean => {
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'object') return isJsonObject(value);
  return typeof value === type;
};

// The fields each DTO class declares as its own, by class. validateBody refuses every other key before it
// assigns anything: class-validator's whitelist looks a key's metadata up through the prototype chain, so
// keys named like Object.prototype members (`hasOwnProperty`, `__defineGetter__`, `toString`) would pass it.
const declaredFields = new WeakMap<object, Set<string>>();

// Each declared field's own check, by class: what its one class-validator constraint tests.
const fieldChecks = new WeakMap<object, Map<string, (value: unknown) => boolean>>();

/** The checks of the fields `owner` declares (@JsonValue, @Nested), as its class-validator constraints run them. */
export const fieldChecksOf = (owner: DtoClass): ReadonlyMap<string, (value: unknown) => boolean> =>
  fieldChecks.get(owner) ?? new Map();

/** Whether `owner` declares `property` itself (with @JsonValue or @Nested). */
export const declaresField = (owner: DtoClass, property: string): boolean =>
  declaredFields.get(owner)?.has(property) === true;

/**
 * A DTO property that must be present (unless optional) and of one JSON type. It is one class-validator
 * constraint rather than a stack of IsDefined / IsString / ValidateIf, so a valid body costs one check per
 * field (docs/decisions/0007-edge-validation.md). A missing field reads "is required", a wrong one
 * "must be a <type>" (or `message`).
 */
export const JsonValue =
  (
    type: JsonType,
    options: { readonly optional?: boolean; readonly message?: string } = {},
  ): PropertyDecorator =>
  (prototype, property) => {
    const fields = declaredFields.get(prototype.constructor) ?? new Set<string>();
    fields.add(String(property));
    declaredFields.set(prototype.constructor, fields);
    const validate = (value: unknown) =>
      value === undefined ? options.optional === true : hasJsonType(value, type);
    const checks = fieldChecks.get(prototype.constructor) ?? new Map<string, (value: unknown) => boolean>();
    checks.set(String(property), validate);
    fieldChecks.set(prototype.constructor, checks);
    registerDecorator({
      name: JSON_VALUE_CONSTRAINT,
      target: prototype.constructor,
      propertyName: String(property),
      constraints: [type],
      validator: {
        validate,
        defaultMessage: (args) =>
          args?.value === undefined ? 'is required' : (options.message ?? TYPE_MESSAGES[type]),
      },
    });
  };

// Nested DTO classes by owner class and property, declared with @Nested.
const nestedTypes = new WeakMap<object, Map<string, () => DtoClass>>();

/**
 * A required property holding a nested DTO: an object, validated with its own class's decorators
 * (class-validator's ValidateNested) once `validateBody` has made it an instance of that class.
 */
export const Nested =
  (type: () => DtoClass, message?: string): PropertyDecorator =>
  (prototype, property) => {
    JsonValue('object', message === undefined ? {} : { message })(prototype, property);
    ValidateNested()(prototype, property);
    const owner = prototype.constructor;
    const types = nestedTypes.get(owner) ?? new Map<string, () => DtoClass>();
    types.set(String(property), type);
    nestedTypes.set(owner, types);
  };

/** The DTO class declared for `property` of `owner` with @Nested, if any. */
export const nestedTypeOf = (owner: DtoClass, property: string): DtoClass | undefined =>
  nestedTypes.get(owner)?.get(property)?.();
