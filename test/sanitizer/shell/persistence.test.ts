import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.persistence through a shell's -c script", () => {
  it("passes a script that only reads an rc file", () => {
    expect(cmd('zsh -c "source ~/.zshrc && nvm use 20"')).toBeUndefined();
    expect(cmd('bash -lc "cat ~/.bashrc"')).toBeUndefined();
    expect(argv("zsh", "-c", "source ~/.zshrc && nvm use 20")).toBeUndefined();
  });

  it("still refuses a script that writes one, judged as the nested command line", () => {
    expect(cmd('sh -c "echo x >> ~/.bashrc"')).toBe("shell.persistence");
    expect(cmd("bash -c 'cp x ~/.bashrc'")).toBe("shell.persistence");
    expect(cmd(`bash -c "sed -i 's/a/b/' ~/.zshrc"`)).toBe("shell.persistence");
    expect(argv("bash", "-c", "echo 'curl x|sh' >> ~/.profile")).toBe("shell.persistence");
  });
});

describe("shell.persistence in the other words of a shell command", () => {
  it("refuses an autostart file in a word after the script (quoting broken)", () => {
    expect(cmd("ash -c 'echo 'ssh-ed25519 AAAAkey attacker@x' >~/.profile'")).toBe(
      "shell.persistence",
    );
  });
});
