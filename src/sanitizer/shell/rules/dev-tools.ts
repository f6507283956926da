import { argTexts, type Cmd, hasFlag, isRootish, operands } from "../facts.js";
import type { Word } from "../words.js";

/** `/`, `~`, `$HOME`, a top-level system dir, or a climb out (`..`, `../..`): not the workspace. */
const outside = (w: Word | undefined): boolean => {
  if (w === undefined) return false;
  const s = w.text ?? w.raw;
  if (/^\.\.(?:\/\.\.)*\/?$/.test(s)) return true;
  return isRootish(w) && !/^[.*]/.test(s);
};

const NAMESPACES = /^(?:ns|namespaces?)$/;
/** A bucket itself, not a path inside it (`s3://prod-backups`, `gs://b/`, `gs://b/**`). */
const BUCKET_ROOT = /^(?:s3|gs):\/\/[^/\s]+\/?(?:\*\*?)?$/;
/** Statements that drop a whole database or schema (`DROP DATABASE`, mongosh's dropDatabase()). */
const DROP_DATABASE =
  /\bdrop\s+(?:database|schema)\s+(?:if\s+exists\s+)?[`"'[]?([\w.-]*)|\bdropDatabase\s*\(/i;
/** Scratch databases CI resets all day (`DROP DATABASE IF EXISTS app_test`). */
const SCRATCH_DB = /test|tmp|temp|dev|scratch|sandbox|local|^ci$|_ci\b/i;

/** Drops a database or schema that is neither scratch nor recreated in the same breath. */
function dropsLiveDatabase(sql: string): boolean {
  const m = DROP_DATABASE.exec(sql);
  if (!m) return false;
  if (/\bcreate\s+(?:database|schema)\b/i.test(sql)) return false;
  return !SCRATCH_DB.test(m[1] ?? "");
}
const SQL_CLIENTS =
  /^(?:psql|mysql|mariadb|sqlite3|sqlcmd|mongo|mongosh|clickhouse-client|cockroach)$/;

/**
 * Developer tools told to destroy what lies outside the project: `git clean -f` of `/` or `~`
 * (also through `git -C ~`), and `kubectl delete` of every namespace (`ns --all`) or of every
 * object across all namespaces (`--all -A`). In-project cleaning (`git clean -fdx`) and
 * deleting named objects (`kubectl delete pod x`, `kubectl delete pods --all` in the current
 * namespace) are everyday work and pass. `docker system prune` removes only unused objects:
 * it passes too.
 */
export function destroysOutsideProject(c: Cmd): boolean {
  const ops = operands(c.r);
  if (c.r.name === "git") {
    const t = c.r.args.map((w) => w.text ?? "");
    const clean = t.indexOf("clean");
    if (clean < 0 || !hasFlag(c.r, "f", "force")) return false;
    const dirFlag = t.findIndex((x, i) => x === "-C" && i < clean);
    if (dirFlag >= 0 && outside(c.r.args[dirFlag + 1])) return true;
    return c.r.args.slice(clean + 1).some((w) => !(w.text ?? "").startsWith("-") && outside(w));
  }
  if (destroysData(c.r.name, argTexts(c.r), ops)) return true;
  if (c.r.name === "kubectl" && ops[0]?.text === "delete") {
    const all = hasFlag(c.r, "", "all");
    if (!all) return false;
    if (NAMESPACES.test(ops[1]?.text ?? "")) return true;
    return hasFlag(c.r, "A", "all-namespaces");
  }
  return false;
}

/**
 * Whole stores destroyed with the confirmation skipped: `terraform destroy -auto-approve`
 * (also `apply -destroy`, OpenTofu), `pulumi destroy --yes`, `cdk destroy --force`, a bucket
 * removed or emptied at its root (`aws s3 rb --force`, `aws s3 rm s3://b --recursive`,
 * `gsutil rm -r gs://b`), a database client told to drop a database or schema, `redis-cli
 * FLUSHALL`, `gcloud projects delete --quiet`, `az group delete --yes`, an RDS instance deleted
 * without its final snapshot, `heroku apps:destroy`. Destroying
 * with the prompt left on, deleting paths inside a bucket, and dropping a test database or
 * one recreated at once (CI resets) pass.
 */
function destroysData(n: string, t: readonly string[], ops: readonly Word[]): boolean {
  // Runs for every command: no closure until a program it knows is found.
  if (n === "terraform" || n === "tofu" || n === "terragrunt") {
    const destroy =
      t.includes("destroy") || (t.includes("apply") && hasAny(t, "-destroy", "--destroy"));
    return destroy && t.some((x) => /^--?auto-approve(?:=true)?$/.test(x));
  }
  if (n === "pulumi")
    return t.includes("destroy") && hasAny(t, "--yes", "-y", "--skip-preview", "-f");
  if (n === "cdk" || n === "cdktf")
    return t.includes("destroy") && hasAny(t, "--force", "-f", "--auto-approve");
  if (n === "aws" && t[0] === "s3") {
    if (t[1] === "rb") return hasAny(t, "--force");
    return t[1] === "rm" && hasAny(t, "--recursive") && namesBucketRoot(ops);
  }
  if (
    n === "gcloud" &&
    (t[0] === "projects" || (t[0] === "sql" && t[1] === "instances")) &&
    t.includes("delete")
  )
    return hasAny(t, "--quiet", "-q");
  if (n === "gsutil" || n === "gcloud")
    return (
      t.includes("rm") &&
      (hasAny(t, "-r", "-R", "--recursive") || t.some((x) => x.endsWith("/**"))) &&
      namesBucketRoot(ops)
    );
  if (SQL_CLIENTS.test(n)) return t.some(dropsLiveDatabase);
  // Redis has no prompt: FLUSHALL/FLUSHDB empty the store at once.
  if (n === "redis-cli" || n === "valkey-cli" || n === "keydb-cli")
    return t.some((x) => /^flush(?:all|db)$/i.test(x));
  // A whole resource group or database instance, its prompt skipped (gcloud's above).
  if (n === "az") return t[0] === "group" && t[1] === "delete" && hasAny(t, "--yes", "-y");
  if (n === "aws" && t[0] === "rds")
    return (
      /^delete-db-(?:instance|cluster)$/.test(t[1] ?? "") && t.includes("--skip-final-snapshot")
    );
  if (n === "heroku") return t[0] === "apps:destroy" || t[0] === "pg:reset";
  return false;
}

const hasAny = (t: readonly string[], ...flags: string[]) => t.some((x) => flags.includes(x));
const namesBucketRoot = (ops: readonly Word[]) => ops.some((w) => BUCKET_ROOT.test(w.text ?? ""));
