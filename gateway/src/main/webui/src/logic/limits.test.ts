import { describe, expect, it } from 'vitest';
import { limitsFrom, rangeOf, within } from './limits';

// The shape the gateway's /q/openapi?format=json has: each call's body by $ref, the limits on its properties.
const doc = {
  paths: {
    '/api/gan/machines/{id}/seed': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Seed' } } } } } },
    '/api/gan/machines/{id}/train': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Train' } } } } } },
    '/api/gan/machines/{id}/generate': {
      post: {
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { rows: { type: 'integer', minimum: 3, maximum: 10000000, default: 50000 } } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Seed: { type: 'object', properties: { rows: { type: 'integer', minimum: 1000, maximum: 100000 } } },
      Train: { type: 'object', properties: { epochs: { type: 'integer', minimum: 1, maximum: 5000 } } },
    },
  },
};

describe('limits from the API description', () => {
  it('reads each form field range (and default) through the schema reference or inline', () => {
    expect(limitsFrom(doc)).toEqual({
      seedRows: { min: 1000, max: 100000 },
      epochs: { min: 1, max: 5000 },
      generateRows: { min: 3, max: 10000000, default: 50000 },
    });
  });

  it('gives no bound where the document has none, and checks values against what it has', () => {
    expect(rangeOf({}, 'seed', 'rows')).toEqual({ min: undefined, max: undefined });
    expect(rangeOf(doc, 'seed', 'seed')).toEqual({ min: undefined, max: undefined });
    expect(within(100, { min: 1000, max: 100000 })).toBe(false);
    expect(within(5000, { min: 1000, max: 100000 })).toBe(true);
    expect(within(2_000_000, { min: 1000 })).toBe(true);
    expect(within(NaN, {})).toBe(false);
  });
});
