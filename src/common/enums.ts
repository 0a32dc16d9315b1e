import { registerEnumType } from 'type-graphql';

/**
 * Registers a TypeScript enum with GraphQL, with a Chinese-first description for the
 * enum and for each of its values.
 */
export function describeEnum<T extends Record<string, string>>(
  e: T,
  name: string,
  description: string,
  values: { [K in keyof T]: string },
): void {
  registerEnumType(e, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([k, d]) => [k, { description: d }])) as never,
  });
}
