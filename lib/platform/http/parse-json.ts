import { AppError } from '@/lib/platform/errors/app-error';

/** Deeper than any payload this console takes (GeoJSON polygons nest 4–5 levels, event payloads a handful). */
export const MAX_JSON_DEPTH = 64;

/**
 * JSON.parse for untrusted text, refusing (400) what would otherwise surface as a 500 further on: nesting deeper than
 * `maxDepth` (recursive validators, canonical hashing and PostgreSQL's jsonb all have depth limits of their own) and
 * NUL characters (PostgreSQL text and jsonb cannot hold U+0000). The depth scan is one pass that skips strings.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        if (text.startsWith('u0000', i + 1)) throw new AppError('BAD_REQUEST', 'Body holds a NUL character (\\u0000), which is not accepted');
        i++;
      } else if (c === 34 /* " */) inString = false;
      else if (c === 0) throw new AppError('BAD_REQUEST', 'Body holds a NUL character, which is not accepted');
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) throw new AppError('BAD_REQUEST', `Body is nested deeper than ${maxDepth} levels`);
    } else if (c === 93 || c === 125) depth--;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('BAD_REQUEST', `Body is not valid JSON: ${(err as Error).message}`);
  }
}
