import { registerDecorator, type ValidationOptions } from 'class-validator';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit resident identity number (GB 11643): region, birth date, sequence and the check digit. */
export function isIdentityNumber(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{17}[\dX]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

/** The check digit for the first 17 digits (used by the demo data generator). */
export function identityCheckDigit(first17: string): string {
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11];
}

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export function isMobilePhone(value: unknown): boolean {
  return typeof value === 'string' && /^1[3-9]\d{9}$/.test(value);
}

export function IsIdentityNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdentityNumber',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an 18-digit identity number with a valid check digit`, ...options },
      validator: { validate: (v: unknown) => v == null || isIdentityNumber(v) },
    });
}

export function IsMobilePhone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMobilePhone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an 11-digit mobile number`, ...options },
      validator: { validate: (v: unknown) => v == null || isMobilePhone(v) },
    });
}
