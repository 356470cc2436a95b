// The limits the workflow forms enforce, read from the gateway's own OpenAPI document (which takes
// them from the engine's constants), so that a form never allows what the API refuses.

export interface Range {
  min?: number;
  max?: number;
  /** what the API takes when the field is left out */
  default?: number;
}

export interface Limits {
  seedRows: Range;
  epochs: Range;
  generateRows: Range;
}

type Json = Record<string, unknown>;

function at(node: unknown, ...path: string[]): unknown {
  let n = node;
  for (const p of path) {
    if (!n || typeof n !== 'object') return undefined;
    n = (n as Json)[p];
  }
  return n;
}

/** One field's range in the request body of POST /api/gan/machines/{id}/{call}, following the schema's $ref. */
export function rangeOf(doc: unknown, call: string, field: string): Range {
  let schema = at(doc, 'paths', `/api/gan/machines/{id}/${call}`, 'post', 'requestBody', 'content', 'application/json', 'schema');
  const ref = at(schema, '$ref');
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    schema = at(doc, 'components', 'schemas', ref.slice('#/components/schemas/'.length));
  }
  const property = at(schema, 'properties', field);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return { min: num(at(property, 'minimum')), max: num(at(property, 'maximum')), default: num(at(property, 'default')) };
}

export function limitsFrom(doc: unknown): Limits {
  return {
    seedRows: rangeOf(doc, 'seed', 'rows'),
    epochs: rangeOf(doc, 'train', 'epochs'),
    generateRows: rangeOf(doc, 'generate', 'rows'),
  };
}

/** Whether a value is within a range (a bound the document does not give does not limit). */
export function within(value: number, r: Range): boolean {
  return Number.isFinite(value) && (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max);
}
