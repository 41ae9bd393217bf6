/**
 * `npm run conformance`: the local GitHub against recordings of the real one. @octokit/fixtures
 * holds sessions recorded on api.github.com (normalized: ids from 1000, SHAs 000…1, one token);
 * every recorded exchange whose operation the local GitHub serves is replayed against a fresh
 * local GitHub staged as the recording's repository was, and its status code, the shape of its
 * answer and its `Link` header compared. Prints every mismatch with why, then
 * `fixtures: N of M exchanges match`. Exits non-zero on a mismatch not listed in `KNOWN` (the
 * README's "does not imitate" list says the same), or a listed one that no longer happens.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Sandbox, type SandboxRepo, startSandbox } from "@release-bot/local-github";
import {
  findOperation,
  normalizedLink,
  shapeDifferences,
} from "@release-bot/local-github/conformance";

interface Exchange {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
  reqheaders?: Record<string, string>;
  headers?: Record<string, string>;
}

const ORG = "octokit-fixture-org";
const USER = "octokit-fixture-user-a";

/** Mismatches the local GitHub keeps on purpose, by `scenario METHOD path`: why. */
const KNOWN: Record<string, string> = {
  "get-repository GET /repos/octokit-fixture-org/hello-world":
    "not modelled: repository topics (always [])",
  "labels GET /repos/octokit-fixture-org/labels/labels":
    "not modelled: a new repository gets no default labels",
  "rename-repository GET /repos/octokit-fixture-org/rename-repository":
    "not modelled: repositories are never renamed (no PATCH /repos/{o}/{r}), so no 301 to the new name",
};

/** A scenario's repository as the recording found it, and the recorded values that stand for ours. */
interface Stage {
  repo: SandboxRepo;
  /** Recorded text (normalized SHAs, ids) → the local GitHub's. */
  substitutions: Array<[string, string]>;
}

const FIXTURE_SHA = (n: number) => n.toString(16).padStart(40, "0");

async function stage(sandbox: Sandbox, scenario: string, repoName: string): Promise<Stage> {
  const fullName = `${ORG}/${repoName}`;
  const files: Record<string, string> =
    scenario === "get-content"
      ? { "README.md": "# hello-world" }
      : { "1.md": `# ${repoName}\ncreated with initial commit` };
  const repo = await sandbox.createRepo(fullName, {
    defaultBranch: scenario === "get-content" ? "master" : "main",
    files,
  });
  sandbox.setPermission(fullName, USER, "admin");
  const substitutions: Array<[string, string]> = [];
  if (scenario === "git-refs") {
    // Two commits: the recording's 000…1 is the head, 000…2 the initial commit.
    const initial = (await repo.resolve("main")) as string;
    const head = await repo.commit({
      branch: "main",
      files: { "2.md": "# git-refs\ncreated with 2nd commit" },
      message: "2nd commit",
      as: USER,
    });
    substitutions.push([FIXTURE_SHA(1), head], [FIXTURE_SHA(2), initial]);
  }
  if (scenario === "paginate-issues") {
    for (let i = 1; i <= 13; i++) await repo.openIssue({ title: `Test issue ${i}`, user: USER });
  }
  if (scenario.startsWith("release-assets")) {
    await repo.createTag("v1.0.0", "main", { as: USER, message: "v1.0.0" });
    const api = sandbox.tokenFor(USER);
    await fetch(`${sandbox.url}/repos/${fullName}/releases`, {
      method: "POST",
      headers: { authorization: `token ${api}`, "content-type": "application/json" },
      body: JSON.stringify({ tag_name: "v1.0.0", name: "v1.0.0" }),
    });
  }
  const id = ((await (await fetch(`${sandbox.url}/repos/${fullName}`)).json()) as { id: number })
    .id;
  substitutions.push(["/repositories/1000", `/repositories/${id}`]);
  return { repo, substitutions };
}

function substitute(text: string, substitutions: Array<[string, string]>): string {
  return substitutions.reduce((out, [from, to]) => out.split(from).join(to), text);
}

/** Why a replayed exchange differs from its recording; [] when it matches. */
async function replay(sandbox: Sandbox, exchange: Exchange, staged: Stage): Promise<string[]> {
  const path = substitute(exchange.path, staged.substitutions);
  const hasBody = exchange.body !== undefined && exchange.body !== "";
  const response = await fetch(`${sandbox.url}${path}`, {
    method: exchange.method.toUpperCase(),
    redirect: "manual",
    headers: {
      accept: exchange.reqheaders?.accept ?? "application/vnd.github.v3+json",
      authorization: `token ${sandbox.tokenFor(USER)}`,
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    ...(hasBody ? { body: substitute(JSON.stringify(exchange.body), staged.substitutions) } : {}),
  });
  const text = await response.text();
  const why: string[] = [];
  if (response.status !== exchange.status) {
    why.push(`status ${exchange.status} on GitHub, ${response.status} here`);
  }
  const type = response.headers.get("content-type") ?? "";
  const answer = type.includes("json") && text ? JSON.parse(text) : text;
  if (response.status === exchange.status) why.push(...shapeDifferences(exchange.response, answer));
  const recordedLink = normalizedLink(exchange.headers?.link);
  const link = normalizedLink(response.headers.get("link") ?? undefined);
  if (recordedLink !== link)
    why.push(`Link ${recordedLink ?? "none"} on GitHub, ${link ?? "none"} here`);
  return why;
}

function scenarios(): Array<{ name: string; exchanges: Exchange[] }> {
  const root = join(
    dirname(createRequire(import.meta.url).resolve("@octokit/fixtures/package.json")),
    "scenarios",
    "api.github.com",
  );
  return readdirSync(root).map((name) => ({
    name,
    exchanges: JSON.parse(readFileSync(join(root, name, "normalized-fixture.json"), "utf8")),
  }));
}

async function main(): Promise<number> {
  const probe = await startSandbox({ webhookSecret: "conformance", latencyMs: 0 });
  const served = new Set(
    probe.routes.flatMap((r) => {
      const op = findOperation(r.method, r.template.replace(/\{(\w+)\+\}/g, "{$1}"));
      return op ? [op.operationId] : [];
    }),
  );
  await probe.close();

  let total = 0;
  let matching = 0;
  const unexpected: string[] = [];
  const seenKnown = new Set<string>();
  const unserved = new Set<string>();
  for (const { name, exchanges } of scenarios()) {
    const replayed = exchanges.filter((e) => {
      const op = findOperation(e.method, e.path);
      if (op !== undefined && served.has(op.operationId)) return true;
      unserved.add(op?.operationId ?? `${e.method.toUpperCase()} ${e.path.split("?")[0]}`);
      return false;
    });
    if (replayed.length === 0) continue;
    const sandbox = await startSandbox({ webhookSecret: "conformance", latencyMs: 0 });
    try {
      const repoName = /^\/repos\/[^/]+\/([^/?]+)/.exec(replayed[0]?.path ?? "")?.[1] ?? name;
      const staged = await stage(sandbox, name, repoName);
      for (const exchange of replayed) {
        total += 1;
        const why = await replay(sandbox, exchange, staged);
        const key = `${name} ${exchange.method.toUpperCase()} ${exchange.path.split("?")[0]}`;
        if (why.length === 0) {
          matching += 1;
          continue;
        }
        const known = KNOWN[key];
        if (known) seenKnown.add(key);
        else unexpected.push(key);
        console.log(`  ✗ ${key}: ${why.join("; ")}${known ? ` (${known})` : ""}`);
      }
    } finally {
      await sandbox.close();
    }
  }
  for (const key of Object.keys(KNOWN).filter((k) => !seenKnown.has(k))) {
    console.log(`  ! ${key} now matches: remove it from KNOWN in scripts/conformance.ts`);
    unexpected.push(key);
  }
  console.log(
    `  (not replayed: recorded exchanges of operations the local GitHub does not serve: ${[...unserved].sort().join(", ")})`,
  );
  console.log(`fixtures: ${matching} of ${total} exchanges match`);
  return unexpected.length === 0 ? 0 : 1;
}

process.exitCode = await main();
