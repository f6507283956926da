/**
 * SQL probes of issue 13's generalisation pass. Sources outside the independent corpus:
 * OWASP CRS regression tests (coreruleset/coreruleset, commit 2cbd1d01,
 * `tests/regression/tests/REQUEST-942-APPLICATION-ATTACK-SQLI/*.yaml`), the OWASP WSTG
 * "Testing for SQL Injection" page (time-based, boolean and union probes) and the OData
 * 4.01 URL conventions (`$filter` operators `eq`, `or`).
 */
import { describe, expect, it } from "vitest";
import { hasQueryInjection, hasSqlInjection } from "../../../src/sanitizer/rules/sql.js";

const filter = (s: string) => hasSqlInjection([s]);

describe("sql.injection in a SQL tool's query", () => {
  it("blocks delays, tautologies and column-count probes", () => {
    for (const q of [
      "SELECT * FROM users WHERE id = 1 AND pg_sleep(10) IS NULL",
      "SELECT * FROM users WHERE name = '' OR 1=1 --",
      "SELECT IF(1=1, SLEEP(5), 0)",
      "SELECT BENCHMARK(10000000, MD5('a'))",
      "SELECT * FROM users WHERE name = 'a' OR 'x'='x'",
      "SELECT * FROM t WHERE id = 1 UNION SELECT NULL,NULL,NULL",
      "SELECT * FROM t WHERE id = 1; WAITFOR DELAY '0:0:5'",
    ])
      expect(hasQueryInjection(q), q).toBe(true);
  });

  it("passes what a caller writes on purpose", () => {
    for (const q of [
      "SELECT * FROM t WHERE 1=1 AND x = 2",
      "SELECT name FROM users WHERE active OR admin",
      "SELECT a FROM t UNION SELECT b FROM u",
      "SELECT sleep_hours FROM patients ORDER BY 1",
      "SELECT table_name FROM information_schema.tables",
      "SELECT * FROM orders WHERE status = 'open' OR status = 'closed'",
    ])
      expect(hasQueryInjection(q), q).toBe(false);
  });
});

describe("sql.injection in filters", () => {
  it("blocks OData and quote-less tautologies, glued probes, subqueries and error probes", () => {
    for (const f of [
      "Name eq 'x' or 1 eq 1",
      "Name eq 'x' or true",
      "created_at OR 1=0",
      "created_at OR x=x",
      "country = 'DEUNION ALL SELECT 1,2,3#",
      "adminORDER BY 27--",
      "1 ORDER BY 3--",
      'admin") or ("x")=("x',
      "x' AND 1=CONVERT(int,(SELECT @@version))--",
      "1 AND ASCII(SUBSTRING((SELECT password FROM users LIMIT 1),1,1))>64",
      "1 RLIKE (SELECT (CASE WHEN (1=1) THEN 1 ELSE 0x28 END))",
      "status = 'open' HAVING 1=1--",
    ])
      expect(filter(f), f).toBe(true);
  });

  it("passes a filter's own ORs, OData comparisons and search text", () => {
    for (const f of [
      "status = 'open' or status = 'closed'",
      "price > 10 and price < 100",
      "Price gt 10 or Name eq 'Milk'",
      "status eq 'active' or status eq 'pending'",
      "order by created_at desc",
      "c# or f# jobs",
      "how to select version of node",
    ])
      expect(filter(f), f).toBe(false);
  });
});
