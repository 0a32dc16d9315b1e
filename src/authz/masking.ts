import type { Level } from './viewer';

/** 身份证号 masked: the first 4 and the last 4 characters, e.g. 3201**********1234. */
export function maskIdentityNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 手机号 masked: the first 3 and the last 4 digits, e.g. 138****5678. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** Applies an access level to a value: R gives it, M gives its masked form, nothing gives null. */
export function applyLevel(level: Level | null, value: string | null | undefined, mask: (v: string) => string): string | null {
  if (value == null || level === null) return null;
  return level === 'R' ? value : mask(value);
}
