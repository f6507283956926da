import type { ValidateFunction } from "ajv";

type Validator = (value: unknown) => boolean;

let ajvPromise: Promise<{ compile(schema: object): ValidateFunction }> | undefined;

/** Ajv configured like the MCP SDK client's, loaded on first use (most sessions never need it). */
function getAjv() {
  ajvPromise ??= Promise.all([import("ajv"), import("ajv-formats")]).then(([a, f]) => {
    const ajv = new a.Ajv({
      strict: false,
      validateFormats: true,
      validateSchema: false,
      allErrors: true,
    });
    const addFormats = (f.default as unknown as { default?: unknown }).default ?? f.default;
    (addFormats as (x: unknown) => void)(ajv);
    return ajv;
  });
  return ajvPromise;
}

const cache = new WeakMap<object, Validator>();

/**
 * Whether `value` is valid against a tool's outputSchema, judged as the SDK client will.
 * A schema that cannot be compiled counts as "not valid": the caller then blocks rather
 * than forward something the client may reject.
 */
export async function matchesOutputSchema(schema: object, value: unknown): Promise<boolean> {
  let validate = cache.get(schema);
  if (!validate) {
    const ajv = await getAjv();
    try {
      const fn = ajv.compile(schema);
      validate = (v) => fn(v) === true;
    } catch {
      validate = () => false;
    }
    cache.set(schema, validate);
  }
  return validate(value);
}
