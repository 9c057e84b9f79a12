import {
  parseProductDetails,
  ValidationError,
  type FieldIssue,
  type ProductDetailsInput,
} from '@catalog/domain';
import { Type } from 'class-transformer';
import { IsDefined, IsNumber, IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { validateBody } from './dto-validation';

// The DTOs check the shape a client sends: which fields, present, of which JSON type. The values (lengths,
// ranges, currency codes, control characters) are the domain's value objects' business; both report in the
// same `{ field, message }` form, and a refused body gets the issues of both (see below).
// class-validator runs a property's decorators bottom-up and reports the first failure only, so the most
// basic check (presence) sits at the bottom.
export class PriceDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsDefined({ message: 'is required' })
  amount!: number;

  @IsString({ message: 'must be a string' })
  @IsDefined({ message: 'is required' })
  currency!: string;
}

export class ProductBodyDto {
  @IsString({ message: 'must be a string' })
  @IsDefined({ message: 'is required' })
  name!: string;

  @IsString({ message: 'must be a string' })
  @ValidateIf((dto: ProductBodyDto) => dto.description !== undefined)
  description?: string;

  @Type(() => PriceDto)
  @ValidateNested()
  @IsObject({ message: 'must be an object with amount and currency' })
  @IsDefined({ message: 'is required' })
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
