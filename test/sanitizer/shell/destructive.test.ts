import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.destructive beyond the root", () => {
  it("blocks wipers anywhere under a system tree", () => {
    expect(cmd("echo building... ; shred --zero /var/lib")).toBe("shell.destructive");
    expect(cmd("shred -u /etc/passwd")).toBe("shell.destructive");
    expect(cmd("truncate -s 0 /var/log/auth.log")).toBe("shell.destructive");
    expect(argv("srm", "-r", "/boot/grub")).toBe("shell.destructive");
  });

  it("blocks recursive delete/chmod/chown of a system dir or one below, and climbing out", () => {
    expect(cmd("rm -rf /var/lib")).toBe("shell.destructive");
    expect(cmd("rm -r /etc/ssh/")).toBe("shell.destructive");
    expect(cmd("rm -rf ../..")).toBe("shell.destructive");
    expect(cmd("chmod --recursive a+rX /dev/nvme0n1")).toBe("shell.destructive");
    expect(cmd("chown -R nobody /usr/bin")).toBe("shell.destructive");
    expect(cmd("rsync -a --delete /tmp/empty/ /home/")).toBe("shell.destructive");
  });

  it("blocks taking the machine down and fork loops", () => {
    expect(cmd("npm test; shutdown -h now")).toBe("shell.destructive");
    expect(cmd("kill -9 -1")).toBe("shell.destructive");
    expect(cmd("echo b > /proc/sysrq-trigger")).toBe("shell.destructive");
    expect(cmd("perl -e 'fork while fork'")).toBe("shell.destructive");
    expect(cmd("python3 -c 'import os\nwhile True: os.fork()'")).toBe("shell.destructive");
  });

  it("passes cleaning of workspace, scratch and install places", () => {
    expect(cmd("rm -rf node_modules dist ./build .cache")).toBeUndefined();
    expect(cmd("rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/build")).toBeUndefined();
    expect(cmd("rm -rf /var/cache/apk && rm -rf /usr/local/lib/node_modules/foo")).toBeUndefined();
    expect(cmd("sudo chown -R $(whoami) /usr/local/lib/node_modules")).toBeUndefined();
    expect(cmd("chmod -R u+w ./vendor && shred -u ./secrets.tmp")).toBeUndefined();
    expect(cmd("truncate -s 0 logs/app.log && kill -9 12345")).toBeUndefined();
    expect(cmd("rsync -a --delete dist/ deploy/")).toBeUndefined();
    expect(cmd("shutdown -c && systemctl status nginx")).toBeUndefined();
    expect(cmd('node -e \'require("child_process").fork("w.js")\'')).not.toBe("shell.destructive");
  });
});

describe("shell.destructive: a home deleted by an interpreter's inline code", () => {
  it("blocks a user's home and $HOME spelt in Python and Node", () => {
    expect(cmd(`python3 -c "import shutil; shutil.rmtree('/home/dev')"`)).toBe("shell.destructive");
    expect(cmd(`node -e "require('fs').rmSync(process.env.HOME, {recursive: true})"`)).toBe(
      "shell.destructive",
    );
  });

  it("passes a directory inside the home and workspace folders", () => {
    expect(cmd(`python3 -c "import shutil; shutil.rmtree('/home/dev/project/build')"`)).toBe(
      undefined,
    );
    expect(cmd(`node -e "require('fs').rmSync('dist', {recursive: true})"`)).toBeUndefined();
  });
});
