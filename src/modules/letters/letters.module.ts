import type { AppModule } from '..';
import { ROW } from '../../authz/table';

export const lettersModule: AppModule = { resolvers: [], rules: ['ResponsibilityLetter', 'ResponsibilityItem', 'Assessment'].map((type) => ({ type, fields: { '*': ROW } })) };
