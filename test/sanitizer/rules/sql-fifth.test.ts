/**
 * SQL probes of the fifth generalisation pass (issue 13), from
 * fuzzdb-project/fuzzdb@5656ab25dc6bb43bae32236fab775658a90d7380 `attack/sql-injection/`
 * (`detect/{GenericBlind,MSSQL,xplatform}.txt`, `payloads-sql-blind/*-WHERE.txt`,
 * `payloads-sql-blind/payloads-sql-blind-MySQL-ORDER_BY.txt`; `__TIME__` read as 5), with the
 * ordinary filters and sort orders a caller sends. fuzzdb and the corpus's source overlap
 * in origin; these tests pin behaviour, not generalisation.
 */
import { describe, expect, it } from "vitest";
import {
  hasNoSqlInjection,
  hasOrderByInjection,
  hasQuoteBreakout,
  hasSqlInjection,
} from "../../../src/sanitizer/rules/sql.js";

const filter = (s: string) => hasSqlInjection([s]);

describe("sql.injection: more shapes in a filter", () => {
  it("blocks dynamic SQL, bare truthy literals, self-evident comparisons and glued delays", () => {
    for (const f of [
      "declare @s varchar(200) select @s = 0x77616974666F72 exec(@s)",
      "'; exec ('sel' + 'ect us' + 'er')",
      "adminPRINT @@version",
      "status = 'open--sp_password",
      "' or 1 --",
      "admin' or 1/*",
      "; or '1'='1'",
      "status = 'open' or 'whatever' in ('whatever')",
      "admin' or 2 between 1 and 3",
      "adminsleep(5)#",
      '1)) or sleep(5)="',
      "'||myappadmin.adduser('admin', 'newpass')||'",
    ])
      expect(filter(f), f).toBe(true);
  });

  it("passes ordinary filters", () => {
    for (const f of [
      "status = 'open' or status = 'closed'",
      "name LIKE 'O''Brien%'",
      "created_at > '2024-01-01' AND total > 100",
      "price between 10 and 20",
      "country in ('DE', 'FR')",
      "note = 'execute the plan'",
      "LOWER(email) = 'ana@example.com'",
    ])
      expect(filter(f), f).toBe(false);
  });
});

describe("sql.injection: a filter's unpaired quote, an ORDER BY that is not a column list", () => {
  it("blocks a trailing comment or an open OR string after an unpaired quote", () => {
    for (const f of [
      "country = 'DEor 1=1--",
      "country = 'DEHAVING 1=1--",
      "status = 'open'=0--+",
      "country = 'DE' OR '1",
    ])
      expect(hasQuoteBreakout(f), f).toBe(true);
    for (const f of [
      "status = 'open'",
      "name = 'O''Brien'",
      "note = 'see -- above'",
      "title = 'Rock ''n'' Roll' or id = 3",
      "id > 10",
    ])
      expect(hasQuoteBreakout(f), f).toBe(false);
  });

  it("blocks conditions, statements and comments in a sort field", () => {
    for (const o of [
      "created_at WHERE 1=1 AND 1=0--",
      "created_at OR 'x'='x",
      "created_at,(select if(count(*)!=-1,benchmark(3000000,MD5(1)),1))/*",
      "1; DROP TABLE orders",
    ])
      expect(hasOrderByInjection(o), o).toBe(true);
    for (const o of [
      "created_at DESC",
      "created_at DESC, id ASC",
      "LOWER(name) ASC",
      '"Name" NULLS LAST',
      "-updated_at",
      "name:asc",
    ])
      expect(hasOrderByInjection(o), o).toBe(false);
  });
});

// fuzzdb-project/fuzzdb@5656ab25 attack/no-sql-injection/mongodb.txt
describe("sql.injection: MongoDB operators where a value was expected", () => {
  it("blocks server-side JavaScript and collection calls anywhere", () => {
    for (const f of [
      "true, $where: '1 == 1'",
      '{"$where": "sleep(5000)"}',
      "' && this.password.match(/.*/)//",
      "db.injection.insert({success:1});",
    ])
      expect(hasNoSqlInjection([f], false), f).toBe(true);
  });

  it("blocks query operators where one value is expected, not in a filter's own query", () => {
    for (const f of ["{ $ne: 1 }", "{$gt: ''}", "[$ne]=1", "admin', $or: [ {}, { 'a':'a"])
      expect(hasNoSqlInjection([f], true), f).toBe(true);
    expect(hasNoSqlInjection(['{"status": {"$in": ["open", "closed"]}}'], false)).toBe(false);
    expect(hasNoSqlInjection(['{"total": {"$gt": 100}}'], false)).toBe(false);
  });

  it("passes dollar amounts and names", () => {
    for (const f of ["price > $100", "note = 'costs $5, in $USD'", "name = '$in the money'"])
      expect(hasNoSqlInjection([f], true), f).toBe(false);
  });
});
