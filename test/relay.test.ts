import 'reflect-metadata';
import fc from 'fast-check';
import { Node, base64urlAscii, decodeGlobalId } from '../src/common/relay';
import { encodeCursor } from '../src/common/connection';

/**
 * Global ids and cursors are written without a Buffer per call (`base64urlAscii`): they must be
 * exactly what Buffer's base64url writes, since clients keep them and `node(id:)` decodes them.
 */
describe('global ids and cursors', () => {
  test('base64urlAscii writes what Buffer writes, for every ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 }), (text) => {
        expect(base64urlAscii(text)).toBe(Buffer.from(text).toString('base64url'));
      }),
      { numRuns: 2000 },
    );
  });

  test('a global id is Buffer\'s base64url of "Typename:id" and decodes back, for every typename length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][A-Za-z]{1,30}$/), fc.integer({ min: 1, max: 2147483647 }), (typename, id) => {
        const gid = Node.globalId(typename, id);
        expect(gid).toBe(Buffer.from(`${typename}:${id}`).toString('base64url'));
        // twice: the second use takes the remembered head of the typename
        expect(Node.globalId(typename, id)).toBe(gid);
        expect(decodeGlobalId(gid)).toEqual({ typename, id });
      }),
      { numRuns: 2000 },
    );
    expect(Node.globalId('Sanction', 12345)).toBe('U2FuY3Rpb246MTIzNDU');
  });

  test('a cursor is base64url of "k:id"', () => {
    for (const id of [0, 1, 9, 10, 99, 100, 12345, 2147483647]) expect(encodeCursor(id)).toBe(Buffer.from(`k:${id}`).toString('base64url'));
  });
});
