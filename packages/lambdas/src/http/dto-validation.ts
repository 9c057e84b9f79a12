import { ValidationError, type FieldIssue } from '@catalog/domain';
import {
  getMetadataStorage,
  ValidationTypes,
  validateSync,
  type ValidationError as ConstraintFailure,
  type ValidatorOptions,
} from 'class-validator';
import {
  declaresField,
  fieldChecksOf,
  isJsonObject,
  JSON_VALUE_CONSTRAINT,
  nestedTypeOf,
  type DtoClass,
} from './dto-decorators';

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

// Messages for the constraints class-validator adds by itself (decorators in DTOs carry their own).
const BUILT_IN_MESSAGES: Readonly<Record<string, string>> = {
  nestedValidation: 'must be an object',
  unknownValue: 'must be an object',
};

/**
 * The DTO instance class-validator needs, holding the plain value's own fields, nested DTOs made
 * instances of their declared classes. A key the DTO class does not declare itself is reported in
 * `refused` and never assigned: that covers `__proto__` and `constructor` (which would reach the
 * instance's prototype machinery) and every name an object inherits (`hasOwnProperty`, `toString`, ...),
 * which class-validator's own whitelist would find through the prototype chain and let pass.
 */
const instantiate = <T extends object>(
  dto: DtoClass<T>,
  plain: Record<string, unknown>,
  path: string,
  refused: FieldIssue[],
): T => {
  const instance = new dto() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (!declaresField(dto, key)) {
      refused.push({ field, message: 'is not allowed' });
      continue;
    }
    const value = plain[key];
    const nested = nestedTypeOf(dto, key);
    instance[key] =
      nested !== undefined && isJsonObject(value) ? instantiate(nested, value, field, refused) : value;
  }
  return instance as T;
};

const toIssues = (failures: readonly ConstraintFailure[], parent: string): FieldIssue[] =>
  failures.flatMap((failure) => {
    const field = parent === '' ? failure.property : `${parent}.${failure.property}`;
    const own = Object.entries(failure.constraints ?? {}).slice(0, 1);
    return [
      ...own.map(([constraint, message]) => ({ field, message: BUILT_IN_MESSAGES[constraint] ?? message })),
      ...toIssues(failure.children ?? [], field),
    ];
  });

// Whether every class-validator constraint of a DTO class (and of its nested classes) is one of ours:
// @JsonValue's one check per field and @Nested's ValidateNested. Only then can a body be accepted on those
// checks alone; a DTO with any other decorator (MaxLength, ValidateIf, groups, ...) always goes through
// validateSync.
const ownChecksOnly = new WeakMap<DtoClass, boolean>();
const checkedByOwnConstraints = (dto: DtoClass): boolean => {
  let known = ownChecksOnly.get(dto);
  if (known === undefined) {
    const constraints = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
    known =
      constraints.every(
        (constraint) =>
          constraint.name === JSON_VALUE_CONSTRAINT || constraint.type === ValidationTypes.NESTED_VALIDATION,
      ) &&
      constraints.filter((constraint) => constraint.name === JSON_VALUE_CONSTRAINT).length ===
        fieldChecksOf(dto).size &&
      [...fieldChecksOf(dto).keys()].every((field) => {
        const nested = nestedTypeOf(dto, field);
        return nested === undefined || checkedByOwnConstraints(nested);
      });
    ownChecksOnly.set(dto, known);
  }
  return known;
};

// The constraints validateSync would run, run directly: true when each passes (then validateSync would
// report nothing). Any failure goes to validateSync, which words the issues.
const passesOwnConstraints = (dto: DtoClass, instance: Record<string, unknown>): boolean => {
  for (const [field, check] of fieldChecksOf(dto)) {
    const value = instance[field];
    if (!check(value)) return false;
    const nested = nestedTypeOf(dto, field);
    if (nested !== undefined && !(value instanceof nested && passesOwnConstraints(nested, value as never)))
      return false;
  }
  return true;
};

/**
 * Checks a parsed JSON body against a class-validator DTO (unknown fields are refused, nested ones too)
 * and returns the DTO instance; throws a ValidationError naming each field by its dotted path.
 * class-transformer's plainToInstance is not used: it cost more than all of a hand-written handler's
 * checks together (docs/decisions/0007-edge-validation.md).
 */
export const validateBody = <T extends object>(dto: DtoClass<T>, body: unknown): T => {
  if (!isJsonObject(body)) throw ValidationError.of('body', 'must be a JSON object');
  const refused: FieldIssue[] = [];
  const instance = instantiate(dto, body, '', refused);
  if (refused.length > 0) throw new ValidationError(refused);
  // validateSync re-derives the class's metadata on every call, ~5 µs per body (ADR 0019); a body that
  // passes the same constraints run directly would get no issues from it.
  if (checkedByOwnConstraints(dto) && passesOwnConstraints(dto, instance as Record<string, unknown>)) {
    return instance;
  }
  const issues = toIssues(validateSync(instance, VALIDATOR_OPTIONS), '');
  if (issues.length > 0) throw new ValidationError(issues);
  return instance;
};
