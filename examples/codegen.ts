import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The typed client of the examples: from the checked-in schema and the operations in
 * examples/operations/, GraphQL Code Generator writes a TypedDocumentNode per operation with the
 * types of its result and variables (`npm run examples:generate`, run from the project root).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'examples/operations/**/*.graphql',
  generates: {
    'examples/generated/graphql.ts': {
      // typescript-operations 6 emits the enums, inputs and scalars the operations use by itself
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          DateTime: { input: 'string', output: 'string' },
          LocalDate: { input: 'string', output: 'string' },
        },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
