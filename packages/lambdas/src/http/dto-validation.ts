import { ValidationError, type FieldIssue } from '@catalog/domain';
import {
  validateSync,
  type ValidationError as ConstraintFailure,
  type ValidatorOptions,
} from 'class-validator';
import { declaresField, isJsonObject, nestedTypeOf, type DtoClass } from './dto-decorators';

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
  const issues = toIssues(validateSync(instance, VALIDATOR_OPTIONS), '');
  if (issues.length > 0) throw new ValidationError(issues);
  return instance;
};
