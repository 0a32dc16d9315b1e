import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';

/** The demo county's records of this module (fictional). */
export async function seedOpinions(_em: EntityManager, _demo: DemoContext): Promise<void> {}
