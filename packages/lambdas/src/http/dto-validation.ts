import { ValidationError, type FieldIssue } from '@catalog/domain';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import {
  validateSync,
  type ValidationError as ConstraintFailure,
  type ValidatorOptions,
} from 'class-validator';

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

// class-transformer silently skips these keys, so the whitelist would never see them: refuse them here.
const SKIPPED_KEYS = ['__proto__', 'constructor', 'prototype'];
const SCAN_DEPTH = 4;

// Messages for the constraints class-validator adds by itself (decorators in DTOs carry their own).
const BUILT_IN_MESSAGES: Readonly<Record<string, string>> = {
  whitelistValidation: 'is not allowed',
  nestedValidation: 'must be an object',
  unknownValue: 'must be an object',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const skippedKeys = (value: unknown, path: string, depth: number): FieldIssue[] => {
  if (!isObject(value) || depth > SCAN_DEPTH) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path === '' ? key : `${path}.${key}`;
    if (SKIPPED_KEYS.includes(key)) return [{ field, message: 'is not allowed' }];
    return skippedKeys(value[key], field, depth + 1);
  });
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
 */
export const validateBody = <T extends object>(dto: ClassConstructor<T>, body: unknown): T => {
  if (!isObject(body)) throw ValidationError.of('body', 'must be a JSON object');
  const skipped = skippedKeys(body, '', 0);
  if (skipped.length > 0) throw new ValidationError(skipped);
  const instance = plainToInstance(dto, body);
  const issues = toIssues(validateSync(instance, VALIDATOR_OPTIONS), '');
  if (issues.length > 0) throw new ValidationError(issues);
  return instance;
};
