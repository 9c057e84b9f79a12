/**
 * Collects the aliased attribute names (`#name`; some, like `name`, are reserved words) and the values
 * (`:value`) that the expressions of one request use, so that each expression reads like the rule it states.
 */
export class ExpressionParts {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};

  /** `#a` for `a`, `#a.#b` for the nested `a.b`. */
  name(path: string): string {
    return path
      .split('.')
      .map((part) => {
        this.names[`#${part}`] = part;
        return `#${part}`;
      })
      .join('.');
  }

  /** `:key`, bound to `value`. */
  value(key: string, value: unknown): string {
    this.values[`:${key}`] = value;
    return `:${key}`;
  }

  /** The request fields for everything named so far. */
  fields(): {
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return Object.keys(this.values).length === 0
      ? { ExpressionAttributeNames: { ...this.names } }
      : { ExpressionAttributeNames: { ...this.names }, ExpressionAttributeValues: { ...this.values } };
  }
}
