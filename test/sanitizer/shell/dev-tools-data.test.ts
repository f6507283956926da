import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { rule } from "../blocked-rule.js";

beforeAll(() => loadShellParser());
const cmd = (command: string) => rule("run_command", { command });

// Whole stores destroyed with the confirmation skipped (shell/rules/dev-tools.ts).
describe("destroying whole stores", () => {
  it.each([
    "terraform destroy -auto-approve",
    "cd infra && terraform apply -destroy -auto-approve",
    "tofu destroy --auto-approve",
    "pulumi destroy --yes --stack prod",
    "cdk destroy --force",
    "aws s3 rb s3://old-logs --force",
    "aws s3 rm s3://prod-backups --recursive",
    "gsutil -m rm -r gs://my-bucket",
    "gcloud storage rm --recursive gs://data/",
    'psql -c "DROP DATABASE production"',
    'mysql -uroot -e "DROP SCHEMA shop"',
    'mongosh app --eval "db.dropDatabase()"',
    'rm -rf "$HOME"/*',
  ])("blocks %s", (c) => {
    expect(cmd(c)).toBe("shell.destructive");
  });

  it.each([
    "terraform destroy",
    "terraform plan -out tf.plan && terraform apply tf.plan",
    "pulumi preview",
    "aws s3 rm s3://bucket/tmp/ --recursive",
    "aws s3 rm s3://bucket/report.csv",
    "gsutil rm gs://bucket/old/file.txt",
    'psql -c "select count(*) from users"',
    'mysql -e "DROP DATABASE IF EXISTS app_test; CREATE DATABASE app_test"',
    'psql -U postgres -c "DROP DATABASE IF EXISTS myapp_test"',
    'rm -rf "$HOME/project/build"',
  ])("passes %s", (c) => {
    expect(cmd(c)).toBeUndefined();
  });
});
