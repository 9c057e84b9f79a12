import {
  parseProductDetails,
  ValidationError,
  type FieldIssue,
  type ProductDetailsInput,
} from '@catalog/domain';
import { JsonValue, Nested } from './dto-decorators';
import { validateBody } from './dto-validation';

// The DTOs check the shape a client sends: which fields, present, of which JSON type. The values (lengths,
// ranges, currency codes, control characters) are the domain's value objects' business; both report in the
// same `{ field, message }` form, and a refused body gets the issues of both (see below).
export class PriceDto {
  @JsonValue('number')
  amount!: number;

  @JsonValue('string')
  currency!: string;
}

export class ProductBodyDto {
  @JsonValue('string')
  name!: string;

  @JsonValue('string', { optional: true })
  description?: string;

  @Nested(() => PriceDto, 'must be an object with amount and currency')
  price!: PriceDto;
}

const domainIssuesOf = (body: Record<string, unknown>): readonly FieldIssue[] => {
  try {
    parseProductDetails({ name: body.name, description: body.description, price: body.price });
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
};

/** A client learns about every bad field at once: the shape issues, plus value issues on other fields. */
const withValueIssues = (shape: ValidationError, body: unknown): ValidationError => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return shape;
  const flagged = shape.issues.map((issue) => issue.field);
  const covered = (field: string) => flagged.some((f) => field === f || field.startsWith(`${f}.`));
  const extra = domainIssuesOf(body as Record<string, unknown>).filter((issue) => !covered(issue.field));
  return extra.length === 0 ? shape : new ValidationError([...shape.issues, ...extra], { cause: shape });
};

/** The body of POST and PUT, checked against the DTO and mapped to the plain input the use cases take. */
export const readProductBody = (body: unknown): ProductDetailsInput => {
  let dto: ProductBodyDto;
  try {
    dto = validateBody(ProductBodyDto, body);
  } catch (error) {
    throw error instanceof ValidationError ? withValueIssues(error, body) : error;
  }
  const price = { amount: dto.price.amount, currency: dto.price.currency };
  return dto.description === undefined
    ? { name: dto.name, price }
    : { name: dto.name, description: dto.description, price };
};
