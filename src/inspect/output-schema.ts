import type { ValidateFunction } from "ajv";

type Validator = (value: unknown) => boolean;

let ajvPromise: Promise<{ compile(schema: object): ValidateFunction }> | undefined;

/** Ajv configured like the MCP SDK client's, loaded on first use (most sessions never need it). */
function getAjv() {
  ajvPromise ??= Promise.all([import("ajv"), import("ajv-formats")]).then(([a, f]) => {
    // CommonJS modules: the export sits on the namespace, or on `default` once bundled.
    type AjvCtor = new (o: object) => { compile(schema: object): ValidateFunction };
    const ns = a as unknown as { Ajv?: AjvCtor; default?: AjvCtor & { Ajv?: AjvCtor } };
    const Ajv = (ns.Ajv ?? ns.default?.Ajv ?? ns.default) as AjvCtor;
    const ajv = new Ajv({
      strict: false,
      validateFormats: true,
      validateSchema: false,
      allErrors: true,
    });
    const fns = f as unknown as { default?: unknown };
    const inner = (fns.default as { default?: unknown } | undefined)?.default;
    const addFormats = (typeof inner === "function" ? inner : fns.default) as (x: unknown) => void;
    addFormats(ajv);
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
