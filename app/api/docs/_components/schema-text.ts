// Reading the OpenAPI document's JSON Schemas back as short lines a person reads: a type with its limits, the fields
// of an object, an example body for curl.

export type Schema = Record<string, unknown>;
export type Components = Record<string, Schema>;

export function refName(schema: Schema): string | null {
  return typeof schema.$ref === 'string' ? schema.$ref.split('/').pop()! : null;
}

/** The schema itself, following a `$ref` into the components. */
export function resolve(schema: Schema, components: Components): Schema {
  const name = refName(schema);
  return name ? (components[name] ?? {}) : schema;
}

/** `string, 1–280 characters`, `integer, 1–100, default 20`, `Peep or null`, `array of Person`. */
export function typeText(schema: Schema): string {
  const name = refName(schema);
  if (name) return name;
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) return options.map(typeText).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  if (type === 'array') return `array of ${typeText((schema.items as Schema) ?? {})}`;
  const limits: string[] = [];
  if (typeof schema.format === 'string') limits.push(schema.format);
  const range = (min: unknown, max: unknown, unit = '') =>
    min !== undefined && max !== undefined ? `${min}–${max}${unit}` : min !== undefined ? `at least ${min}${unit}` : max !== undefined ? `at most ${max}${unit}` : null;
  const length = range(schema.minLength, schema.maxLength, ' characters');
  if (length) limits.push(length);
  const value = range(schema.minimum, schema.maximum);
  if (value) limits.push(value);
  if (schema.default !== undefined) limits.push(`default ${JSON.stringify(schema.default)}`);
  return [type, ...limits].join(', ');
}

export type Field = { name: string; type: string; required: boolean; description: string | null };

/** The fields of an object schema (after a `$ref`), or none for anything else. */
export function fieldsOf(schema: Schema, components: Components): Field[] {
  const object = resolve(schema, components);
  const properties = (object.properties ?? {}) as Record<string, Schema>;
  const required = (object.required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeText(property),
    required: required.includes(name),
    description: typeof property.description === 'string' ? property.description : null,
  }));
}

const SAMPLES: Record<string, unknown> = {
  email: 'ana@example.com',
  password: 'correct horse battery staple',
  identifier: 'ana',
  username: 'ana',
  name: 'Ana',
  body: 'Hello from the API',
};

/** A body with every required field, for the curl example. */
export function exampleOf(schema: Schema, components: Components): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const field of fieldsOf(schema, components).filter((f) => f.required)) {
    const property = ((resolve(schema, components).properties ?? {}) as Record<string, Schema>)[field.name];
    example[field.name] = SAMPLES[field.name] ?? (property.type === 'boolean' ? true : property.type === 'integer' || property.type === 'number' ? 1 : 'text');
  }
  return example;
}
