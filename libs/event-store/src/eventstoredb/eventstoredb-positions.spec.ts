import fc from 'fast-check';
import type { Position } from '../event-store.port';
import { compareLogPositions, decodePosition, encodePosition } from './eventstoredb-position';

const MAX = 2n ** 64n - 1n;
const logPosition = fc.record({
  commit: fc.bigInt({ min: 0n, max: MAX }),
  prepare: fc.bigInt({ min: 0n, max: MAX }),
});

describe('EventStoreDB positions', () => {
  it('round-trips any commit/prepare pair, beyond the safe integers too', () => {
    fc.assert(
      fc.property(logPosition, (position) => {
        expect(decodePosition(encodePosition(position))).toEqual(position);
      }),
    );
    const big = { commit: 9_007_199_254_740_993n, prepare: MAX };
    expect(decodePosition(encodePosition(big))).toEqual(big);
  });

  it('orders by commit position, then prepare position', () => {
    const at = (commit: bigint, prepare: bigint) => encodePosition({ commit, prepare });

    expect(compareLogPositions(at(10n, 10n), at(10n, 12n))).toBeLessThan(0);
    expect(compareLogPositions(at(10n, 12n), at(10n, 10n))).toBeGreaterThan(0);
    expect(compareLogPositions(at(10n, 99n), at(11n, 0n))).toBeLessThan(0);
    expect(compareLogPositions(at(2n, 2n), at(10n, 10n))).toBeLessThan(0);
    expect(compareLogPositions(at(7n, 7n), at(7n, 7n))).toBe(0);
  });

  it('encodes so that comparing the strings agrees with comparing the positions', () => {
    fc.assert(
      fc.property(logPosition, logPosition, (a, b) => {
        const left = encodePosition(a);
        const right = encodePosition(b);
        const asStrings = left < right ? -1 : left > right ? 1 : 0;
        expect(Math.sign(compareLogPositions(left, right))).toBe(asStrings);
      }),
    );
  });

  it('refuses what is not one of its positions', () => {
    for (const text of ['', '12', '12/7', 'a:b', '-1:0', '1:2:3', '99999999999999999999999:0']) {
      expect(() => decodePosition(text as Position)).toThrow(TypeError);
    }
    expect(() => decodePosition(`${MAX + 1n}:0` as Position)).toThrow(TypeError);
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
  });
});
