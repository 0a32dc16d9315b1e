import { PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, InterfaceType } from 'type-graphql';

/** Every table has a serial key and creation / update times. */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date(), onCreate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Records that people edit concurrently carry a version; a stale write is a CONFLICT user error. */

@InterfaceType('Versioned', {
  description: '有版本号的记录 (a record edited concurrently; edits send back the version they read)',
  resolveType: (value: { constructor: { typename?: string } }) => value.constructor.typename,
})
export abstract class VersionedEntity extends BaseEntity {
  @Field(() => Int, { description: '版本号 (version): send it back with an edit; a stale one is refused with CONFLICT' })
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
