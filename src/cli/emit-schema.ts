import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildAppSchema, printableSchema } from '../schema';

/** `npm run schema`: writes schema/schema.graphql from the code. */
export async function emittedSdl(): Promise<string> {
  const { schema } = await buildAppSchema();
  return `${printSchema(printableSchema(schema))}\n`;
}

if (require.main === module) {
  emittedSdl()
    .then((sdl) => {
      writeFileSync('schema/schema.graphql', sdl);
      console.log('wrote schema/schema.graphql');
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
