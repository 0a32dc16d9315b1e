/** Text normalised for comparison: width-folded, lower-cased, punctuation and spaces dropped. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function trigrams(text: string): Set<string> {
  const chars = [...normalise(text)];
  const out = new Set<string>();
  if (chars.length < 3) {
    if (chars.length) out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/** Jaccard similarity of the character trigrams of two normalised texts (0..1). */
export function trigramJaccard(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (!x.size && !y.size) return 1;
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both);
}

/** 重复件: near-identical content about the same subject. */
export const REPEAT_THRESHOLD = 0.8;
export const REPEAT_WINDOW_DAYS = 90;
