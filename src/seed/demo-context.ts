import type { Unit } from '../modules/units/unit.entity';
import type { Official } from '../modules/officials/official.entity';

/** What the core demo seed hands to each module's own demo seed. */
export interface DemoContext {
  today: string;
  year: number;
  /** Units by code (QS, QS-JW, QS-CZ, QS-JY, QS-ZR, QS-WJ, QS-ZZB, QS-DL, QS-DL-01 …). */
  units: Map<string, Unit>;
  /** Officials by unit code, the principal first. */
  officials: Map<string, Official[]>;
  /** Deterministic pseudo-random numbers in [0, 1). */
  rand: () => number;
}
