// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell syntax, not templates
/**
 * Everyday developer calls, written for this test from common usage (npm/pnpm/yarn, git,
 * docker, kubectl, make, cargo, go, pytest, rg, jq, sed, awk, find, curl into the workspace,
 * tar/unzip), run through the real Sanitizer with default settings and realistic tool
 * definitions. Every one must pass: a sanitizer that refuses these gets switched off.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";

beforeAll(() => loadShellParser());

const COMMANDS = [
  "npm ci && npm test",
  "npm run build -- --mode production",
  "npm install --save-dev typescript@5 @types/node",
  "npx vitest run test/unit --reporter=verbose",
  "pnpm install --frozen-lockfile && pnpm -r build",
  "pnpm --filter @app/web dev",
  "yarn install --immutable && yarn lint",
  "yarn workspace api test --coverage",
  "git status | head",
  "git status --porcelain | wc -l",
  "git log --oneline -n 20",
  "git log --format='%h %an %s' --since='2 weeks ago' | head -n 5",
  "git diff --stat HEAD~3..HEAD",
  "git checkout -b feature/login && git push -u origin feature/login",
  "git fetch origin && git rebase origin/main",
  "git stash push -m 'wip: parser' && git pull --rebase && git stash pop",
  "git commit -am 'fix: handle empty input; add test'",
  "git tag -a v1.2.0 -m 'release 1.2.0' && git push --tags",
  "git remote add upstream git@github.com:acme/widgets.git",
  "git clone https://github.com/acme/widgets.git && cd widgets && npm ci",
  "git grep -n 'TODO' -- '*.ts'",
  "git blame -L 10,40 src/index.ts",
  "git ls-files | grep -E '\\.(ts|tsx)$' | xargs wc -l | tail -1",
  "docker build -t myapp:dev .",
  "docker compose up -d db && docker compose logs -f --tail=50 db",
  'docker run --rm -v "$(pwd)":/app -w /app node:20 npm test',
  "docker ps --format '{{.Names}}\\t{{.Status}}'",
  "docker image prune -f",
  "docker exec web-1 npm run migrate",
  "kubectl get pods -n staging -o wide",
  "kubectl logs deploy/api -n staging --since=1h | grep -i error",
  "kubectl apply -f k8s/ && kubectl rollout status deploy/api",
  "kubectl get pods -o json | jq '.items[].metadata.name'",
  "kubectl describe pod api-7d9f8 -n staging | sed -n '1,40p'",
  "helm upgrade --install api ./charts/api -f values.yaml",
  "make -j4 && ./build/test",
  "make clean all",
  "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j",
  "cargo build --release",
  "cargo test --all-features -- --nocapture",
  "cargo clippy -- -D warnings && cargo fmt --check",
  "go build ./... && go test ./... -race -count=1",
  "go mod tidy && git diff --exit-code go.mod go.sum",
  "go run ./cmd/server --port 8080",
  "python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt",
  "pytest -q tests/ -k 'not slow' --maxfail=1",
  "pytest --cov=src --cov-report=term-missing",
  "python -m black --check . && python -m ruff check .",
  "poetry install && poetry run pytest",
  "uv sync && uv run pytest -x",
  "rg 'TODO|FIXME' src --count",
  "rg -n --glob '!dist' 'useEffect\\(' src",
  "rg -l 'import .* from \"lodash\"' | xargs sed -i 's/lodash/lodash-es/g'",
  "grep -rn 'console.log' src | wc -l",
  "jq '.dependencies | keys' package.json",
  "jq -r '.scripts | to_entries[] | \"\\(.key): \\(.value)\"' package.json",
  "cat package.json | jq .version",
  'sed -i \'s/"version": "1.0.0"/"version": "1.0.1"/\' package.json',
  "sed -n '100,140p' src/server.ts",
  "awk -F, '{sum += $3} END {print sum}' data/sales.csv",
  "awk '/ERROR/ {print $1, $2}' logs/app.log | sort | uniq -c | sort -rn | head",
  "find . -name '*.log' -delete",
  "find src -name '*.test.ts' | wc -l",
  "find . -type d -name node_modules -prune -o -name '*.ts' -print | head",
  "find . -name '*.o' -exec rm {} +",
  "rm -rf node_modules dist coverage",
  "mkdir -p build/out && cp -r assets build/out/",
  "curl -fsSL https://example.com/data.json | jq .",
  "curl -fsSL -o vendor/schema.json https://json.schemastore.org/package.json",
  "curl -sS -X POST http://localhost:3000/api/health",
  "curl -O https://github.com/acme/widgets/releases/download/v1.0/widgets.tar.gz && tar xzf widgets.tar.gz -C vendor",
  "wget -q https://example.com/fixtures.zip && unzip -o fixtures.zip -d test/fixtures",
  "tar -czf dist.tgz dist/ && ls -lh dist.tgz",
  "tar -xzf release.tar.gz -C ./release",
  "unzip -l archive.zip",
  "ls -la | sort -k5 -n | tail -5",
  "du -sh node_modules/* | sort -h | tail",
  "wc -l src/**/*.ts",
  "head -n 50 README.md",
  "tail -f logs/dev.log",
  "diff <(sort a.txt) <(sort b.txt)",
  'for f in src/*.ts; do echo "$f"; done',
  "if [ -f package.json ]; then npm install; fi",
  'while read -r line; do echo "$line"; done < input.txt',
  "echo $((1 + 2))",
  "export NODE_ENV=production && node dist/server.js",
  "NODE_OPTIONS=--max-old-space-size=4096 npm run build",
  "cd packages/core && npm run build 2>&1 | tee build.log",
  "time npm test",
  "chmod +x scripts/release.sh && ./scripts/release.sh --dry-run",
  "bash scripts/setup.sh",
  "sh ./configure --prefix=/usr/local && make",
  "npx prettier --write 'src/**/*.{ts,tsx}'",
  "npx tsc --noEmit -p tsconfig.json",
  "npx eslint . --ext .ts,.tsx --fix",
  "ps aux | grep node | grep -v grep",
  "lsof -i :3000",
  "ssh-keygen -t ed25519 -C 'ci@example.com' -f ./deploy_key -N ''",
  "openssl rand -hex 32",
  "sha256sum dist/*.tgz > SHA256SUMS",
  "psql \"$DATABASE_URL\" -c 'select count(*) from users'",
  "sqlite3 data.db '.tables'",
  "terraform plan -out=tfplan && terraform show -json tfplan | jq '.resource_changes | length'",
  "gh pr create --fill && gh pr checks --watch",
  "printf '%s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >> CHANGELOG.md",
  "cat <<EOF > .env.example\nPORT=3000\nEOF",
  "ls -l /bin/sh && file /bin/bash",
  "tmux new-session -d -s dev 'npm run dev' && tmux ls",
  "screen -dmS api npm start",
  "sudo apt-get update && sudo apt-get install -y build-essential",
  "CONFIG_SHELL=/bin/bash ./configure && make -j4",
  'docker run --rm -v "$PWD":/src -w /src golang:1.22 go test ./...',
  "git ls-files '*.md' | xargs -o wc -w",
  "cat > scripts/ci.sh <<'EOF'\n#!/usr/bin/env bash\nset -euo pipefail\nnpm ci\nnpm test\nEOF\nbash scripts/ci.sh",
  "echo 'package main\nfunc main(){ println(\"hi\") }' > /tmp/hi.go && go run /tmp/hi.go",
  "printf 'SELECT 1;\n' > q.sql && psql -f q.sql",
  "sudo rm -rf /usr/share/dotnet /opt/ghc /usr/local/lib/android",
  "rm -rf /var/lib/apt/lists/* && apt-get clean",
  "truncate -s 0 logs/dev.log && kill -TERM 4242",
  "rsync -av --delete public/ /srv/www/site/",
  "NODE_OPTIONS='--require ./tracing.js' node dist/server.js",
  "LD_LIBRARY_PATH=$PWD/lib cargo test",
  "sed -e 's/version = .*/version = \"1.2.0\"/' -i Cargo.toml",
  "gcc -O2 -o build/app src/main.c && ./build/app --help",
  "tcpdump -i lo -w capture.pcap -c 100 port 8080",
  '"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" --headless --dump-dom https://example.com',
  // third pass: quoted words, test brackets, registries, cleaning, history, certutil
  "grep -rn 'TODO' src/'my dir'/ && [ -f package.json ] && echo ok",
  "npm config set registry https://registry.npmjs.org/ && npm ci",
  "npm publish --registry http://localhost:4873",
  "pip install --no-index --find-links ./wheels -r requirements.txt",
  "git clean -fdx && git clean -fd build/",
  "kubectl delete pod api-7d9f8 -n staging && kubectl delete pods --all -n dev-sandbox",
  "history | grep docker | tail -5",
  "export HISTSIZE=10000 HISTCONTROL=ignoredups",
  "certutil -hashfile dist/app.exe SHA256",
  // fifth pass: quoting, aliases, waits and probes a developer writes on purpose
  "\\rm -rf build && \\ls -la",
  "'ls' -la && \"./scripts/build.sh\" --ci",
  "echo ${PWD##*/} && echo \"${PATH}\" | tr : '\\n'",
  "npm test\n\\cp -f .env.example .env.test",
  "sleep 5 && curl -fsS http://localhost:3000/health",
  "ping -c 3 example.com",
  "git log --format='%h %s' -n 20 | rg 'fix|feat'",
  "jq '.items[] | .name' data.json | sort -u",
  "find . -name '*.log' -delete",
  "rsync -avz -e 'ssh -p 2222' dist/ deploy@web-1:/srv/app/",
  "node --test && node --run lint",
  "PAGER='less -R' git log -p -1",
];

const ARGV: string[][] = [
  ["rg", "-n", "TODO|FIXME", "src"],
  ["rg", "--json", "fn\\s+\\w+\\(", "crates"],
  ["jq", "-r", '.items[] | select(.status == "active") | .name', "data.json"],
  ["jq", "--arg", "v", "1.2.3", ".version = $v", "package.json"],
  ["git", "log", "--format=%h|%an|%s", "-n", "20"],
  ["git", "log", "--grep=fix; tidy", "--oneline"],
  ["git", "diff", "--name-only", "HEAD~1"],
  ["git", "commit", "-m", "feat: add $(cmd) docs & fix | pipe example"],
  ["git", "clone", "--depth=1", "--filter=blob:none", "https://github.com/acme/widgets.git"],
  ["git", "-c", "color.ui=always", "status"],
  ["npm", "run", "test", "--", "--grep", "a|b"],
  ["npm", "pkg", "set", "scripts.lint=biome check ."],
  ["docker", "run", "--rm", "-e", "FOO=bar;baz", "alpine", "echo", "ok"],
  ["docker", "exec", "web-1", "npm", "run", "migrate"],
  ["kubectl", "get", "pods", "-o", "jsonpath={.items[*].metadata.name}"],
  [
    "kubectl",
    "patch",
    "deploy",
    "api",
    "--type=json",
    "-p",
    '[{"op":"replace","path":"/spec/replicas","value":3}]',
  ],
  ["find", ".", "-name", "*.ts", "-not", "-path", "./node_modules/*"],
  ["sed", "-n", 's/^version = "\\(.*\\)"/\\1/p', "Cargo.toml"],
  ["awk", "-F", "\t", "{print $2}", "report.tsv"],
  ["grep", "-E", "^(feat|fix)(\\(.+\\))?: ", "CHANGELOG.md"],
  ["curl", "-fsSL", "-o", "vendor/lib.js", "https://cdn.example.com/lib.js"],
  ["tar", "-xzf", "release.tar.gz", "-C", "vendor"],
  ["unzip", "-o", "fixtures.zip", "-d", "test/fixtures"],
  ["cargo", "test", "--", "--test-threads=1"],
  ["go", "test", "-run", "TestParse|TestLex", "./..."],
  ["pytest", "-k", "not slow and (unit or smoke)", "tests"],
  ["python3", "-m", "http.server", "8000"],
  ["node", "scripts/build.js", "--out=dist"],
  ["make", "-C", "packages/core", "build"],
  ["psql", "-c", "SELECT id, name FROM users WHERE name LIKE 'a%' LIMIT 10"],
  ["bash", "-c", "npm ci && npm test"],
  ["sh", "-c", "cd web && npm run build"],
  ["node", "--version"],
  ["python3", "-V"],
  ["cpan", "-i", "JSON::PP"],
  ["irb", "scripts/console.rb"],
  ["ncdu", "--exclude", "*.txt"],
  ["npm", "install", "--registry=https://registry.npmjs.org/"],
  // fifth pass: options that take a value, used harmlessly
  ["git", "-c", "user.name=Ana", "commit", "-m", "fix: typo"],
  ["curl", "-o", "./out.json", "https://api.example.com/data"],
  ["tar", "-xzf", "a.tgz"],
  ["find", ".", "-name", "*.ts", "-print"],
  ["rsync", "-avz", "-e", "ssh", "build/", "deploy@web-1:/srv/app/"],
  ["node", "--test"],
  ["git", "diff", "--output=changes.patch"],
  ["chromium", "--headless", "--disable-gpu", "--screenshot", "https://example.com"],
  ["psql", "-o", "out.txt", "-c", "select 1"],
  ["sed", "-n", "/x/w /dev/stdout", "README.md"],
];

const run_command = {
  name: "run_command",
  description: "Run a shell command in the workspace and return stdout and stderr.",
  inputSchema: {
    type: "object",
    properties: {
      command: { type: "string", description: "The shell command to execute" },
      cwd: { type: "string", description: "Working directory" },
    },
  },
};
const exec = {
  name: "exec",
  description: "Run a program directly (no shell) with an argument vector.",
  inputSchema: {
    type: "object",
    properties: {
      argv: { type: "array", items: { type: "string" }, description: "Program and arguments" },
      cwd: { type: "string", description: "Working directory" },
    },
  },
};
const spawn = {
  name: "spawn_process",
  description: "Start a process without a shell.",
  inputSchema: {
    type: "object",
    properties: {
      program: { type: "string", description: "Executable to run" },
      args: { type: "array", items: { type: "string" } },
    },
  },
};

/** A shell tool's `script` is a command line (third pass): scripts agents write pass. */
const bash = {
  name: "bash",
  description: "Execute a bash script",
  inputSchema: {
    type: "object",
    properties: { script: { type: "string" }, cwd: { type: "string" } },
  },
};
const SCRIPTS = [
  '#!/bin/bash\nset -euo pipefail\nfor pkg in packages/*; do\n  (cd "$pkg" && npm test)\ndone\n',
  "npm ci\nnpm run build\nrsync -avz dist/ deploy@staging.example.com:/srv/app/",
  "if ! command -v jq >/dev/null; then sudo apt-get install -y jq; fi\njq . package.json",
];

const sanitizer = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
const verdict = (tool: { name: string }, args: Record<string, unknown>) =>
  sanitizer.scan(args, {
    tool: tool.name,
    toolDefinition: tool,
    maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
    maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
  }).blocked;

describe("ordinary developer calls pass with default settings", () => {
  it("holds at least 100 command lines and 30 argv vectors", () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(100);
    expect(ARGV.length).toBeGreaterThanOrEqual(30);
  });

  it.each(COMMANDS)("command: %s", (command) => {
    expect(verdict(run_command, { command, cwd: "/home/dev/project" })).toBeUndefined();
  });

  it.each(SCRIPTS)("shell tool script: %s", (script) => {
    expect(verdict(bash, { script, cwd: "/home/dev/project" })).toBeUndefined();
  });

  it.each(ARGV.map((a) => [a.join(" "), a] as const))("argv: %s", (_, argv) => {
    expect(verdict(exec, { argv, cwd: "/home/dev/project" })).toBeUndefined();
    expect(verdict(spawn, { program: argv[0], args: argv.slice(1) })).toBeUndefined();
  });
});
