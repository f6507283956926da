// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell payloads, not templates
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { cmd } from "./first-rule.js";

// Seventh pass (issue 13): rm -rf / spelt in an interpreter, stores with no prompt or the
// prompt skipped, commands spelt in numeric escapes held by a bare variable, key files hunted
// by name and printed.
beforeAll(() => loadShellParser());

describe("shell.destructive: inline code and whole stores", () => {
  it("blocks interpreters deleting the root or home, and stores emptied or deleted unprompted", () => {
    for (const c of [
      "python3 -c \"import shutil; shutil.rmtree('/')\"",
      "python3 -c \"import shutil,os; shutil.rmtree(os.path.expanduser('~'))\"",
      "node -e \"require('fs').rmSync('/', {recursive:true})\"",
      'ruby -e \'require "fileutils"; FileUtils.rm_rf("/")\'',
      "perl -e 'use File::Path; rmtree(\"/home\")'",
      "redis-cli FLUSHALL",
      "redis-cli -h cache.internal -n 0 flushdb",
      "gcloud projects delete acme-prod --quiet",
      "gcloud sql instances delete prod-db -q",
      "az group delete -n rg-prod --yes",
      "aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot",
      "heroku apps:destroy --app acme --confirm acme",
    ])
      expect(cmd(c), c).toBe("shell.destructive");
  });

  it("passes project cleanups, reads, and deletions left to their prompt", () => {
    for (const c of [
      "python -c \"import shutil; shutil.rmtree('build')\"",
      "node -e \"require('fs').rmSync('dist', {recursive:true, force:true})\"",
      "redis-cli -h localhost info",
      "redis-cli --scan --pattern 'session:*' | head",
      "gcloud projects list",
      "gcloud projects delete acme-sandbox",
      "az group list -o table",
      "aws rds delete-db-instance --db-instance-identifier qa --final-db-snapshot-identifier qa-final",
      "heroku apps:info --app acme",
    ])
      expect(cmd(c), c).toBeUndefined();
  });
});

describe("shell.obfuscation: a bare variable spelt in escapes, then run", () => {
  it("blocks a program held by a variable of numeric escapes or decoded text", () => {
    expect(cmd("x=$'\\x72\\x6d'; $x -rf ~/")).toBe("shell.obfuscation");
    expect(cmd("x=$(printf '\\x69\\x64'); $x")).toBe("shell.obfuscation");
  });

  it("passes escapes for blanks and line breaks used as data", () => {
    expect(cmd("sep=$'\\t'; echo a${sep}b")).toBeUndefined();
    expect(cmd("IFS=$'\\n'; for f in $(ls); do echo $f; done")).toBeUndefined();
    expect(cmd("NL=$'\\n'; printf '%s' \"$NL\"")).toBeUndefined();
  });
});

describe("path.sensitive: key files hunted by name and printed", () => {
  it("blocks key files found by name and read, and private keys grepped from the disk", () => {
    for (const c of [
      "find / -name id_rsa -exec cat {} \\;",
      "find / -name '*.pem' -exec cat {} \\;",
      "find ~ -name '.env' -exec cat {} +",
      "find / -name '*.pem' | xargs cat",
      "locate id_rsa | xargs cat",
      "find /home -name .git-credentials -exec base64 {} \\;",
      "grep -r 'BEGIN RSA PRIVATE KEY' / 2>/dev/null",
      "rg 'aws_secret_access_key' ~",
    ])
      expect(cmd(c), c).toBe("path.sensitive");
  });

  it("passes listing names, certificates inside the project and leak checks of the repo", () => {
    for (const c of [
      "find / -name id_rsa 2>/dev/null",
      "find certs -name '*.pem' -exec cat {} + > bundle.pem",
      "find . -name '*.pem' -exec openssl x509 -noout -enddate -in {} \\;",
      "grep -rl 'PRIVATE KEY' .",
      "grep -r 'PRIVATE KEY' src",
      "find . -name '*.log' | xargs cat",
      "find / -name '*.conf' -exec grep -H listen {} \\;",
    ])
      expect(cmd(c), c).toBeUndefined();
  });
});
