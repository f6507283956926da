// Writes policies/schema.json from the zod policy schema in the built library, so editors
// with the YAML language server complete and check policy files. Run after tsup.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PolicySchema } from "../dist/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = {
  title: "mcp-aegis policy",
  ...z.toJSONSchema(PolicySchema, { io: "input", unrepresentable: "any" }),
};
writeFileSync(join(root, "policies", "schema.json"), `${JSON.stringify(schema, null, 2)}\n`);
