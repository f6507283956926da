import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.anti-forensics", () => {
  it("blocks clearing or switching off shell history", () => {
    expect(cmd("history -c && unset HISTFILE")).toBe("shell.anti-forensics");
    expect(cmd("npm test; history -cw")).toBe("shell.anti-forensics");
    expect(cmd("unset HISTFILE")).toBe("shell.anti-forensics");
    expect(cmd("export HISTFILE=/dev/null")).toBe("shell.anti-forensics");
    expect(cmd("export HISTSIZE=0")).toBe("shell.anti-forensics");
    expect(cmd("set +o history")).toBe("shell.anti-forensics");
    expect(cmd("shred -uz ~/.bash_history")).toBe("shell.anti-forensics");
    expect(cmd("ln -sf /dev/null ~/.zsh_history")).toBe("shell.anti-forensics");
    expect(cmd("rm -f ~/.python_history")).toBe("shell.anti-forensics");
  });

  it("passes reading history and ordinary variables", () => {
    expect(cmd("history | tail -20")).toBeUndefined();
    expect(cmd("export HISTSIZE=10000 HISTCONTROL=ignoredups")).toBeUndefined();
    expect(cmd("unset NODE_ENV && rm -f build.log")).toBeUndefined();
  });
});

describe("shell.destructive for developer tools aimed outside the project", () => {
  it("blocks git clean of / or ~ and kubectl deletes of everything", () => {
    expect(cmd("git push --force origin main && git clean -fdx /")).toBe("shell.destructive");
    expect(cmd("git clean -fdx ~")).toBe("shell.destructive");
    expect(cmd("git -C ~ clean -fdx")).toBe("shell.destructive");
    expect(cmd("git clean -ffd ../..")).toBe("shell.destructive");
    expect(cmd("kubectl delete ns --all")).toBe("shell.destructive");
    expect(cmd("kubectl delete pods --all -A")).toBe("shell.destructive");
    expect(cmd("kubectl delete all --all --all-namespaces")).toBe("shell.destructive");
  });

  it("passes in-project cleaning and deleting named objects", () => {
    expect(cmd("git clean -fdx")).toBeUndefined();
    expect(cmd("git clean -fdx build/ && git clean -fd .")).toBeUndefined();
    expect(cmd("git clean -n /")).toBeUndefined();
    expect(cmd("kubectl delete pod api-7d9f8 -n staging")).toBeUndefined();
    expect(cmd("kubectl delete pods --all -n dev-sandbox")).toBeUndefined();
    expect(cmd("kubectl delete -f k8s/")).toBeUndefined();
    expect(cmd("docker system prune -af")).toBeUndefined();
  });
});
