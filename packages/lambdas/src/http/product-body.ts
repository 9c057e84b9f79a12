import { DESCRIPTION_MAX_LENGTH, MONEY_MAX_AMOUNT, PRODUCT_NAME_MAX_LENGTH } from '@catalog/domain';
import type { ProductDetailsInput } from '@catalog/domain';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { validateBody } from './dto-validation';

// class-validator runs a property's decorators bottom-up and reports the first failure only, so the most
// basic check (presence, type) sits at the bottom.
// The DTOs check the shape a client sends; the domain's value objects stay the authority on invariants
// (control characters, active currency codes) and report in the same `{ field, message }` form.
export class PriceDto {
  @Max(MONEY_MAX_AMOUNT, { message: `must be at most ${MONEY_MAX_AMOUNT}` })
  @Min(0, { message: 'must not be negative' })
  @IsInt({ message: 'must be an integer number of minor units (e.g. cents)' })
  @IsDefined({ message: 'is required' })
  amount!: number;

  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter upper-case ISO 4217 code such as EUR' })
  @IsString({ message: 'must be a string' })
  @IsDefined({ message: 'is required' })
  currency!: string;
}

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ProductBodyDto {
  @MaxLength(PRODUCT_NAME_MAX_LENGTH, { message: `must be at most ${PRODUCT_NAME_MAX_LENGTH} characters` })
  @MinLength(1, { message: 'must not be empty' })
  @Transform(trim)
  @IsString({ message: 'must be a string' })
  @IsDefined({ message: 'is required' })
  name!: string;

  @MaxLength(DESCRIPTION_MAX_LENGTH, { message: `must be at most ${DESCRIPTION_MAX_LENGTH} characters` })
  @IsString({ message: 'must be a string' })
  @ValidateIf((dto: ProductBodyDto) => dto.description !== undefined)
  description?: string;

  @Type(() => PriceDto)
  @ValidateNested()
  @IsObject({ message: 'must be an object with amount and currency' })
  @IsDefined({ message: 'is required' })
  price!: PriceDto;
}

/** The body of POST and PUT, validated and mapped to the plain input the use cases take. */
export const readProductBody = (body: unknown): ProductDetailsInput => {
  const dto = validateBody(ProductBodyDto, body);
  const price = { amount: dto.price.amount, currency: dto.price.currency };
  return dto.description === undefined
    ? { name: dto.name, price }
    : { name: dto.name, description: dto.description, price };
};
