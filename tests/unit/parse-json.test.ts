import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonText } from '@/lib/platform/http/parse-json';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const message = (text: string) => {
  try {
    parseJsonText(text);
    return 'parsed';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('parseJsonText', () => {
  it('parses what JSON.parse parses, within the depth limit', () => {
    expect(parseJsonText('{"events":[{"a":1,"p":{"q":[1,{"r":null}]}}]}')).toEqual({ events: [{ a: 1, p: { q: [1, { r: null }] } }] });
    expect(message(nested(MAX_JSON_DEPTH))).toBe('parsed');
    expect(message(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toBe('parsed');
  });

  it('refuses nesting past the limit, however deep, as a 400 that says so', () => {
    expect(message(nested(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper than 64 levels/);
    expect(message(`{"a":[1,2,{"b":${nested(MAX_JSON_DEPTH)}}]}`)).toMatch(/nested deeper/);
    expect(message(nested(500_000))).toMatch(/nested deeper/);
    // Deep and not even JSON: the depth is what is named, as before parsing.
    expect(message('['.repeat(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper/);
  });

  it('refuses a NUL, escaped or raw, but not an escaped backslash before "u0000"', () => {
    expect(message('{"a":"x\\u0000y"}')).toMatch(/NUL character \(\\u0000\)/);
    expect(message('{"a":"x\0y"}')).toMatch(/NUL character/);
    expect(parseJsonText('{"a":"x\\\\u0000y"}')).toEqual({ a: 'x\\u0000y' });
    // Brackets inside strings are text, not nesting.
    expect(message(`{"a":"${'['.repeat(200)}"}`)).toBe('parsed');
  });

  it('words invalid JSON', () => {
    expect(message('{"a":')).toMatch(/^Body is not valid JSON: /);
  });
});
