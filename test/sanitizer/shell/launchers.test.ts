import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("programs whose default is a shell (GTFOBins 'shell')", () => {
  it("blocks launchers given no command, in argv and in a command line", () => {
    expect(argv("capsh", "--")).toBe("shell.shell-escape");
    expect(argv("run-parts", "--new-session", "--regex", "^sh$", "/bin")).toBe(
      "shell.shell-escape",
    );
    expect(argv("script", "-q", "/dev/null")).toBe("shell.shell-escape");
    expect(argv("unshare", "-r")).toBe("shell.shell-escape");
    expect(argv("nsenter", "-t", "1", "-m", "-u", "-n")).toBe("shell.shell-escape");
    expect(cmd("sg root")).toBe("shell.shell-escape");
    expect(cmd("setarch x86_64")).toBe("shell.shell-escape");
    expect(cmd("tmux -S /tmp/sock")).toBe("shell.shell-escape");
    expect(cmd("systemd-run --user -S")).toBe("shell.shell-escape");
  });

  it("passes the same programs when they are given a command or only list", () => {
    expect(cmd("tmux new -d -s build 'npm run dev' && tmux ls")).toBeUndefined();
    expect(cmd("screen -ls")).toBeUndefined();
    expect(cmd("screen -dmS api npm start")).toBeUndefined();
    expect(cmd("script -q -c 'npm test' test.log")).toBeUndefined();
    expect(cmd("unshare -r id -u")).toBeUndefined();
    expect(argv("sg", "run", "--pattern", "foo($A)", "--lang", "ts")).toBeUndefined();
    expect(argv("systemd-run", "--user", "--wait", "make")).toBeUndefined();
    expect(cmd("run-parts --test ./hooks.d")).toBeUndefined();
  });

  it("blocks an environment assignment that hands a program a shell", () => {
    expect(cmd("VISUAL='/bin/sh -s --' less README.md")).toBe("shell.shell-escape");
    expect(argv("env", "PAGER=/bin/sh", "man", "ls")).toBe("shell.shell-escape");
    expect(cmd("CONFIG_SHELL=/bin/bash ./configure && EDITOR=vim git commit")).toBeUndefined();
  });

  it("blocks xargs -o handing the terminal to a shell", () => {
    expect(cmd("echo x | xargs -o -a /dev/null /bin/sh")).toBe("shell.shell-escape");
    expect(cmd("git ls-files | xargs -o wc -l")).toBeUndefined();
  });
});

describe("a program started at its own prompt in argv", () => {
  it("blocks interpreters without a script and REPLs without an operand", () => {
    expect(argv("irb")).toBe("shell.shell-escape");
    expect(argv("tclsh")).toBe("shell.shell-escape");
    expect(argv("python3", "-q")).toBe("shell.shell-escape");
    expect(argv("cpan")).toBe("shell.shell-escape");
  });

  it("passes version queries, scripts and the same programs in a command line", () => {
    expect(argv("node", "--version")).toBeUndefined();
    expect(argv("python3", "script.py")).toBeUndefined();
    expect(argv("cpan", "-i", "JSON::PP")).toBeUndefined();
    expect(cmd("python3 < scripts/seed.py")).toBeUndefined();
  });
});

describe("arg.dangerous-flag: unsafe modes of document tools", () => {
  it("blocks groff/pic -U, dvips -R0, nmap --interactive", () => {
    expect(argv("pic", "-U")).toBe("arg.dangerous-flag");
    expect(argv("dvips", "-R0", "texput.dvi")).toBe("arg.dangerous-flag");
    expect(argv("nmap", "--interactive")).toBe("arg.dangerous-flag");
    expect(argv("groff", "-ms", "doc.ms")).toBeUndefined();
  });
});

describe("shell.privilege: root running what reaches a shell", () => {
  it("blocks sudo-like wrappers of launchers and full-screen programs", () => {
    expect(cmd("sudo script -q /dev/null")).toBe("shell.privilege");
    expect(cmd("sudo chroot /")).toBe("shell.privilege");
    expect(cmd("sudo capsh --")).toBe("shell.privilege");
    expect(cmd("sudo ncdu\nb")).toBe("shell.privilege");
    expect(cmd("doas less /etc/hosts")).toBe("shell.privilege");
    expect(cmd("pkexec vim /etc/hosts")).toBe("shell.privilege");
    expect(cmd("sudo minicom -D /dev/null")).toBe("shell.privilege");
  });

  it("blocks root handed a shell through its environment", () => {
    expect(cmd("sudo VISUAL='/bin/sh -s --' less /etc/hosts")).toBe("shell.privilege");
    expect(cmd("sudo RESTIC_PASSWORD_COMMAND='/bin/sh -c id' restic backup")).toBe(
      "shell.privilege",
    );
  });

  it("blocks root installing a local package and containers escaping to the host", () => {
    expect(cmd("sudo dpkg -i x_1.0_all.deb")).toBe("shell.privilege");
    expect(cmd("sudo rpm -ivh ./x.rpm")).toBe("shell.privilege");
    expect(cmd("docker run -v /:/mnt --rm -it alpine chroot /mnt sh")).toBe("shell.privilege");
    expect(cmd("sudo ctr run --mount type=bind,src=/,dst=/,options=rbind -t img x")).toBe(
      "shell.privilege",
    );
    expect(cmd("docker run --pid=host --rm alpine ps")).toBe("shell.privilege");
  });

  it("passes ordinary sudo and container use", () => {
    expect(cmd("sudo apt-get install -y jq && sudo systemctl restart nginx")).toBeUndefined();
    expect(cmd("sudo -u postgres psql -c 'select 1'")).toBeUndefined();
    expect(cmd('docker run --rm -v "$(pwd)":/app -w /app node:20 npm test')).toBeUndefined();
    expect(cmd("docker run -v /etc/nginx:/etc/nginx:ro nginx")).toBeUndefined();
    expect(cmd("sudo service ../../bin/sh")).toBe("shell.privilege");
    expect(cmd("dpkg -i ./x.deb")).toBeUndefined();
  });
});
