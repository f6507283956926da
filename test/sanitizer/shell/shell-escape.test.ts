import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.shell-escape (GTFOBins 'shell')", () => {
  it("blocks a program told to start a shell, in argv", () => {
    expect(argv("strace", "-o", "/dev/null", "/bin/sh")).toBe("shell.shell-escape");
    expect(argv("xargs", "-a", "/dev/null", "/bin/sh")).toBe("shell.shell-escape");
    expect(argv("vi", "-c", ":!/bin/sh")).toBe("shell.shell-escape");
    expect(argv("vi", "-c", ":terminal")).toBe("shell.shell-escape");
    expect(argv("gdb", "-nx", "-ex", "!/bin/sh")).toBe("shell.shell-escape");
    expect(argv("lua", "-e", 'os.execute("/bin/sh")')).toBe("shell.shell-escape");
    expect(argv("man", "-H/bin/sh #", "man")).toBe("shell.shell-escape");
    expect(argv("pdflatex", "--shell-escape", "x.tex")).toBe("shell.shell-escape");
    expect(argv("cabal", "exec", "--", "sh")).toBe("shell.shell-escape");
  });

  it("blocks an interactive shell in a command line, also through wrappers", () => {
    expect(cmd("setarch -3 /bin/sh")).toBe("shell.shell-escape");
    expect(cmd("nohup /bin/sh -c '/bin/sh </dev/tty >/dev/tty'")).toBe("shell.shell-escape");
    expect(cmd("stdbuf -i0 bash -i")).toBe("shell.shell-escape");
    expect(cmd("npm test; vi -c ':!/bin/sh' x")).toBe("shell.shell-escape");
  });

  it("blocks a shell in a container that shares this machine, in a command line as in argv", () => {
    expect(cmd("docker run --privileged -it alpine bash")).toBe("shell.shell-escape");
    expect(cmd("docker exec -it --privileged app sh")).toBe("shell.shell-escape");
    expect(cmd("docker run -v /var/run/docker.sock:/var/run/docker.sock -it docker:cli sh")).toBe(
      "shell.shell-escape",
    );
    expect(argv("docker", "run", "--privileged", "-it", "alpine", "bash")).toBe(
      "shell.shell-escape",
    );
    // A container of its own: the shell runs inside it.
    expect(cmd("docker run --rm -it node:20 bash")).toBeUndefined();
    expect(cmd("docker compose exec web sh")).toBeUndefined();
    expect(cmd("kubectl exec -it api-0 -- sh")).toBeUndefined();
    expect(cmd("docker run --privileged -d docker:dind")).toBeUndefined();
  });

  it("passes shells with a script and programs that only inspect a shell", () => {
    expect(cmd("bash -c 'npm test'")).toBeUndefined();
    expect(cmd("sh ./configure --prefix=/usr/local")).toBeUndefined();
    expect(cmd("ls -l /bin/sh && file /bin/bash && ldd /bin/bash")).toBeUndefined();
    expect(cmd("sh < install.sh")).toBeUndefined();
    expect(cmd("printf '#!/bin/sh\\necho hi\\n' > run.sh && chmod +x run.sh")).toBeUndefined();
    expect(cmd("sed -i '1s|^|#!/bin/sh\\n|' run.sh")).toBeUndefined();
    expect(argv("bash", "-c", "npm ci && npm test")).toBeUndefined();
    expect(argv("useradd", "-m", "-s", "/bin/bash", "dev")).toBeUndefined();
    expect(argv("shellcheck", "scripts/build.sh")).toBeUndefined();
  });
});

describe("arg.dangerous-flag: options whose value is run", () => {
  it("blocks a program as the value of a command/hook/script option in argv", () => {
    expect(argv("restic", "--password-command=/tmp/x", "backup")).toBe("arg.dangerous-flag");
    expect(argv("sshfs", "-o", "ssh_command=/tmp/x", "h:", "mnt")).toBe("arg.dangerous-flag");
    expect(argv("certbot", "renew", "--pre-hook", "sh -c 'id'")).toBe("arg.dangerous-flag");
    expect(argv("dnsmasq", "--conf-script=/tmp/x")).toBe("arg.dangerous-flag");
    expect(argv("tcpdump", "-G", "1", "-z", "/tmp/x")).toBe("arg.dangerous-flag");
    expect(argv("rpm", "--eval", "%(id)")).toBe("arg.dangerous-flag");
    expect(argv("gcc", "-wrapper", "/bin/sh,-s", "x.c")).toBe("arg.dangerous-flag");
    expect(cmd("gcc -wrapper sh,-c,id x.c")).toBe("arg.dangerous-flag");
  });

  it("passes such options with data values, and `--no-…` switches", () => {
    expect(argv("duckdb", "db.duckdb", "-cmd", "SELECT 1")).toBeUndefined();
    expect(argv("git", "commit", "--no-edit")).toBeUndefined();
    expect(argv("npm", "run", "build", "--script-shell", "")).toBeUndefined();
    expect(argv("git", "--exec-path")).toBeUndefined();
    expect(cmd("gcc -O2 -Wall -o build/app src/main.c")).toBeUndefined();
  });
});

describe("a shell named as the target of generated code", () => {
  it("passes completion and init generators in argv", () => {
    expect(argv("gh", "completion", "-s", "bash")).toBeUndefined();
    expect(argv("rustup", "completions", "bash")).toBeUndefined();
    expect(argv("starship", "init", "zsh")).toBeUndefined();
    expect(argv("direnv", "hook", "bash")).toBeUndefined();
    expect(argv("mise", "activate", "zsh")).toBeUndefined();
  });

  it("still blocks a shell operand before or without such a subcommand", () => {
    expect(argv("init", "sh")).toBe("shell.shell-escape");
    expect(argv("foo", "sh", "completion")).toBe("shell.shell-escape");
    expect(argv("xargs", "-a", "/dev/null", "sh")).toBe("shell.shell-escape");
  });
});

describe("one argv word that starts a shell for the program to run", () => {
  it("blocks a shell with no script as an option's value or inline code", () => {
    expect(argv("gem", "open", "-e", "sh -c sh", "rdoc")).toBe("shell.shell-escape");
    expect(argv("foo", "--run-with", "bash -i")).toBe("shell.shell-escape");
    expect(argv("aria2c", "--on-download-error=sh", "http://x.example")).toBe("shell.shell-escape");
    expect(argv("expect", "-c", "spawn sh;interact")).toBe("shell.shell-escape");
    expect(argv("tclsh-wrapper", "-e", "exec sh")).toBe("shell.shell-escape");
    expect(argv("check_by_ssh", "-o", "ProxyCommand sh -c 'sh 0<&2 1>&2'", "-H", "h")).toBe(
      "shell.shell-escape",
    );
  });

  it("passes scripts, languages and the shell for scripts", () => {
    expect(argv("watch", "-n", "5", "sh -c 'npm test'")).toBeUndefined();
    expect(argv("shfmt", "-ln=bash", "-w", "x.sh")).toBeUndefined();
    expect(argv("bat", "--language=sh", "x")).toBeUndefined();
    expect(argv("foo", "--mode=sh")).toBeUndefined();
    expect(argv("docker", "run", "--entrypoint=sh", "img", "-c", "npm test")).toBeUndefined();
    expect(argv("expect", "-c", "spawn ssh host; expect eof")).toBeUndefined();
    expect(argv("git", "commit", "-m", "exec sh was removed")).toBeUndefined();
  });

  it("is linear on long words", () => {
    const t0 = performance.now();
    argv("foo", "-e", `ProxyCommand ${";a/b".repeat(50_000)}`);
    argv("foo", "-e", `sh${" -i".repeat(60_000)}x`);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

describe("a shell's name as data in argv", () => {
  it("passes package, topic, language and file-type names", () => {
    expect(argv("brew", "install", "bash")).toBeUndefined();
    expect(argv("apt-get", "install", "-y", "zsh")).toBeUndefined();
    expect(argv("pip", "install", "sh")).toBeUndefined();
    expect(argv("man", "bash")).toBeUndefined();
    expect(argv("rg", "-t", "sh", "TODO")).toBeUndefined();
    expect(argv("pygmentize", "-l", "bash", "x.sh")).toBeUndefined();
    expect(argv("semgrep", "--lang", "bash", "-e", "rm -rf $X")).toBeUndefined();
  });

  it("still blocks a shell after a short option or as a wrapped program", () => {
    expect(argv("cpulimit", "-l", "100", "-f", "sh")).toBe("shell.shell-escape");
    expect(argv("start-stop-daemon", "-S", "-x", "sh")).toBe("shell.shell-escape");
    expect(argv("foo", "run", "bash")).toBe("shell.shell-escape");
  });
});
