import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("env.code-loading for assignments in a command line", () => {
  it("blocks loader, shell-start-up and interpreter option variables", () => {
    expect(cmd("LD_PRELOAD=/tmp/x.so ls")).toBe("env.code-loading");
    expect(cmd("export LD_PRELOAD=/tmp/x.so; ls")).toBe("env.code-loading");
    expect(cmd("env DYLD_INSERT_LIBRARIES=/tmp/x.dylib /Applications/App")).toBe(
      "env.code-loading",
    );
    expect(cmd("BASH_ENV=/tmp/x bash -c true")).toBe("env.code-loading");
    expect(cmd("NODE_OPTIONS='--require /tmp/x.js' npm test")).toBe("env.code-loading");
  });

  it("passes the everyday values of related variables", () => {
    expect(cmd("NODE_OPTIONS=--max-old-space-size=4096 npm run build")).toBeUndefined();
    expect(cmd("NODE_OPTIONS='-r dotenv/config' node server.js")).toBeUndefined();
    expect(cmd("LD_LIBRARY_PATH=./lib ./bin/app && ENV=staging make deploy")).toBeUndefined();
  });
});

describe("arg.dangerous-flag: command escapes, sed e, library loads", () => {
  it("blocks escapes that run any command from an editor, pager, debugger or db shell", () => {
    expect(argv("vim", "-c", ":!id")).toBe("arg.dangerous-flag");
    expect(argv("less", "+!id", "README.md")).toBe("arg.dangerous-flag");
    expect(argv("psql", "-c", "\\! id")).toBe("arg.dangerous-flag");
    expect(argv("sqlite3", "x.db", ".shell id")).toBe("arg.dangerous-flag");
    expect(argv("gdb", "-batch", "-ex", "python import os; os.system('id')")).toBe(
      "arg.dangerous-flag",
    );
    expect(cmd("gdb -ex 'shell id'")).toBe("arg.dangerous-flag");
  });

  it("blocks sed's e command and the e flag of s", () => {
    expect(cmd("sed -n '1e id' /etc/hosts")).toBe("arg.dangerous-flag");
    expect(argv("sed", "s/x/id/e", "f")).toBe("arg.dangerous-flag");
    expect(argv("sed", "-e", "p", "-e", "$e id", "f")).toBe("arg.dangerous-flag");
  });

  it("blocks a shared library handed to an option that loads it, and make --eval", () => {
    expect(argv("openssl", "req", "-engine", "/tmp/x.so")).toBe("arg.dangerous-flag");
    expect(argv("ssh-keygen", "-D", "./lib.so")).toBe("arg.dangerous-flag");
    expect(argv("make", "-s", "--eval=x:\n\t-id", "x")).toBe("arg.dangerous-flag");
  });

  it("passes ordinary uses of sed, psql, gdb and the toolchain", () => {
    expect(cmd("sed -n '1,40p' f && sed -i 's/foo/bar/g' a.txt && sed '/^$/d' b")).toBeUndefined();
    expect(cmd("sed -E 's/(echo|exec)/x/' f && sed 's|/usr|/opt|' g")).toBeUndefined();
    expect(argv("psql", "-c", "SELECT 1")).toBeUndefined();
    expect(argv("gdb", "-batch", "-ex", "bt", "./app", "core")).toBeUndefined();
    expect(argv("gcc", "-shared", "-o", "libx.so", "x.c")).toBeUndefined();
    expect(argv("rg", "--glob", "!node_modules", "TODO")).toBeUndefined();
  });
});

describe("writes through an output option", () => {
  it("blocks any program's output file option aimed at a start-up file", () => {
    expect(argv("git", "log", "--output=/home/dev/.bashrc")).toBe("shell.persistence");
    expect(cmd("sort -o ~/.bashrc evil.txt")).toBe("shell.persistence");
    expect(argv("tcpdump", "-w", "/etc/cron.d/x")).toBe("shell.persistence");
  });

  it("passes output options into the workspace", () => {
    expect(cmd("git log --output=changes.txt && sort -o sorted.txt names.txt")).toBeUndefined();
  });
});

describe("file servers handed the root (shell.reverse-shell)", () => {
  it("blocks serving /, ~ or a system directory", () => {
    expect(argv("busybox", "httpd", "-f", "-p", "4444", "-h", "/")).toBe("shell.reverse-shell");
    expect(argv("php", "-S", "0.0.0.0:80", "-t", "/")).toBe("shell.reverse-shell");
    expect(cmd("python3 -m http.server --directory / 8080")).toBe("shell.reverse-shell");
    expect(cmd("npx http-server ~ -p 8080")).toBe("shell.reverse-shell");
    expect(cmd("ruby -run -e httpd / -p 8080")).toBe("shell.reverse-shell");
    expect(cmd("httpd -f -p 8080 -h /etc")).toBe("shell.reverse-shell");
    expect(argv("php8.2", "-S", "0.0.0.0:80", "-t", "/")).toBe("shell.reverse-shell");
  });

  it("passes serving the project", () => {
    expect(cmd("python3 -m http.server 8000 --directory dist")).toBeUndefined();
    expect(cmd("php -S localhost:8000 -t public")).toBeUndefined();
  });
});

describe("eighth pass: git pathspec magic and find's readers in an argv", () => {
  it("passes git's exclude pathspecs, which only look like an editor escape", () => {
    expect(cmd("git grep -n foo -- ':!test/**'")).toBeUndefined();
    expect(cmd("git diff --stat -- . ':!package-lock.json' ':^dist'")).toBeUndefined();
    expect(argv("git", "log", "--", ":!docs")).toBeUndefined();
  });

  it("still blocks the escape in editors and database shells", () => {
    expect(cmd("vim -c ':!id' notes.txt")).toBe("arg.dangerous-flag");
    expect(cmd("psql -c '\\! id'")).toBe("arg.dangerous-flag");
  });

  it("passes find handing its files to a reader in an argv", () => {
    expect(argv("find", "src", "-name", "*.ts", "-exec", "grep", "-l", "TODO", "{}", "+")).toBe(
      undefined,
    );
    expect(argv("find", ".", "-type", "f", "-exec", "/usr/bin/wc", "-l", "{}", ";")).toBe(
      undefined,
    );
  });

  it("still blocks find running any other program from an argv", () => {
    expect(argv("find", ".", "-exec", "rm", "{}", ";")).toBe("arg.dangerous-flag");
    expect(argv("find", ".", "-execdir", "sh", "-c", "id", ";")).toBeDefined();
    expect(argv("find", ".", "-fprint", "/tmp/x")).toBe("arg.dangerous-flag");
  });
});
