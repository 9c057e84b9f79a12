/** One condition of a conditional write; attribute names are always aliased, as some are reserved words. */
export interface Condition {
  readonly expression: string;
  /** Attribute names the expression refers to as `#name`. */
  readonly names: readonly string[];
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface ConditionFields {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The request fields for every given condition (joined with AND), plus names and values that other
 * expressions of the same request use (`extra`).
 */
export const conditionOf = (
  conditions: readonly (Condition | undefined)[],
  extra: { readonly names?: readonly string[]; readonly values?: Readonly<Record<string, unknown>> } = {},
): ConditionFields => {
  const present = conditions.filter((condition) => condition !== undefined);
  const names = [...(extra.names ?? []), ...present.flatMap((condition) => condition.names)];
  const values: Record<string, unknown> = { ...extra.values };
  for (const condition of present) Object.assign(values, condition.values);
  const expression = present.map((condition) => condition.expression).join(' AND ');
  return {
    ...(expression === '' ? {} : { ConditionExpression: expression }),
    ...(names.length === 0
      ? {}
      : { ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])) }),
    ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
  };
};
