import { Extensions, getMetadataStorage } from 'type-graphql';
import { getNamedType, isInputObjectType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';

/**
 * `@Lean()` on a @FieldResolver that runs once per row of a page (e.g. `Official.sanctions`,
 * ~1,000 calls in a nested page): the field is resolved by calling the method directly with its
 * parameters, without type-graphql's per-call work (the parameters sorted again, the arguments
 * copied into new class instances, a resolver-data object, the middleware chain). That work was
 * about a twentieth of a nested page's time and a tenth of its garbage.
 *
 * What makes it equivalent, checked when the schema is built (an ineligible field stops the start):
 * the method has no middlewares and no @Authorized roles (authorization is graphql-shield's, which
 * still wraps the field); its parameters are only @Root(), @Arg, @Args, @Ctx() and @Info(); every
 * input class its arguments reach is data only (no methods, no getters, no field initialisers), so
 * the plain argument objects graphql-js coerced hold exactly what the class instances would; and a
 * parent that is not an instance of the field's type (which type-graphql would copy into one) is
 * still handed to type-graphql's own resolver.
 */
export function Lean(): MethodDecorator {
  return Extensions({ lean: true });
}

type Resolve = (root: unknown, args: Record<string, unknown>, ctx: unknown, info: unknown) => unknown;

export function leanFieldResolvers(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const done: string[] = [];
  for (const fr of storage.fieldResolvers) {
    const target = fr.getObjectType?.();
    const objectType = storage.objectTypes.find((o) => o.target === target);
    const type = objectType && schema.getType(objectType.name);
    if (!objectType || !isObjectType(type)) continue;
    const field = type.getFields()[fr.schemaName];
    if (!field?.extensions?.lean) continue;
    const name = `${type.name}.${field.name}`;
    const refuse = (why: string) => {
      throw new Error(`@Lean() on ${name}: ${why}`);
    };
    if (fr.middlewares?.length) refuse('it has middlewares');
    if (fr.roles !== undefined) refuse('it has @Authorized roles');
    const params = [...(fr.params ?? [])].sort((a, b) => a.index - b.index);
    const pickers = params.map((p): ((root: unknown, args: Record<string, unknown>, ctx: unknown, info: unknown) => unknown) => {
      switch (p.kind) {
        case 'root':
          if (p.propertyName) refuse('@Root() names a property');
          return (root) => root;
        case 'arg': {
          const argName = p.name;
          return (_r, args) => args[argName];
        }
        case 'args': {
          const cls = p.getType() as new () => object;
          if (Object.getOwnPropertyNames(cls.prototype).some((m) => m !== 'constructor') || Object.keys(new cls()).length) refuse(`@Args ${cls.name} is not data only`);
          return (_r, args) => args;
        }
        case 'context':
          if (p.propertyName) refuse('@Ctx() names a property');
          return (_r, _a, ctx) => ctx;
        case 'info':
          return (_r, _a, _c, info) => info;
        default:
          return refuse(`a parameter of kind ${p.kind}`);
      }
    });
    if (pickers.length > 5) refuse('more than five parameters');
    // five fixed arguments, the ones the method does not take left undefined: no array per call
    const none = () => undefined;
    const [p0 = none, p1 = none, p2 = none, p3 = none, p4 = none] = pickers;
    for (const arg of field.args) checkDataOnly(arg.type, name, new Set());
    const method = (fr.target as { prototype: Record<string, (...a: unknown[]) => unknown> }).prototype[fr.methodName];
    if (typeof method !== 'function') refuse('no method');
    // the resolver classes hold no state (their work is in the modules' services)
    let instance: unknown;
    const original = field.resolve as Resolve;
    const Target = target as abstract new (...a: never[]) => unknown;
    const lean: Resolve = (root, args, ctx, info) => {
      if (!(root instanceof Target)) return original(root, args, ctx, info);
      instance ??= new (fr.target as new () => unknown)();
      return method.call(instance, p0(root, args, ctx, info), p1(root, args, ctx, info), p2(root, args, ctx, info), p3(root, args, ctx, info), p4(root, args, ctx, info));
    };
    field.resolve = lean as never;
    done.push(name);
  }
  return done.sort();
}

/** An input type whose class (if any) is data only: what a plain object of its fields holds is what an instance holds. */
function checkDataOnly(type: GraphQLInputType, field: string, seen: Set<string>): void {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return;
  seen.add(named.name);
  const storage = getMetadataStorage();
  const cls = storage.inputTypes.find((t) => t.name === named.name)?.target as (new () => object) | undefined;
  if (cls) {
    const members = Object.getOwnPropertyNames(cls.prototype).filter((m) => m !== 'constructor');
    if (members.length) throw new Error(`@Lean() on ${field}: input ${named.name} has members (${members.join(', ')})`);
    if (Object.keys(new cls()).length) throw new Error(`@Lean() on ${field}: input ${named.name} initialises fields`);
  }
  for (const f of Object.values(named.getFields())) checkDataOnly(f.type, field, seen);
}
