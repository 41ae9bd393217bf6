/**
 * A generated git work tree with Kubeflow Spark Operator's layout: the Helm chart in
 * `charts/spark-operator-chart` (version = appVersion = the image tag, helm-docs badges in its
 * README), a `VERSION` file, Go sources; `master` with history and a `fix-branch` holding one fix.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isolatedGitEnv } from "@release-bot/local-github";

const execFileAsync = promisify(execFile);

const CHART = `apiVersion: v2
name: spark-operator
description: A Helm chart for Spark on Kubernetes operator.
version: 2.0.2
appVersion: 2.0.2
keywords:
- apache spark
`;

const README = `# spark-operator

![Version: 2.0.2](https://img.shields.io/badge/Version-2.0.2-informational?style=flat-square) ![AppVersion: 2.0.2](https://img.shields.io/badge/AppVersion-2.0.2-informational?style=flat-square)

A Helm chart for Spark on Kubernetes operator.
`;

const CONTROLLER = `package sparkapplication

// submissionTimeoutSeconds bounds how long a submission may take.
const submissionTimeoutSeconds = 60
`;

/** `git` in `dir` with a fixed identity and clock, no user or system configuration. */
export function gitIn(dir: string, homeDir: string) {
  return async (...args: string[]): Promise<string> => {
    const env = {
      ...isolatedGitEnv(homeDir),
      GIT_AUTHOR_NAME: "Ada Lovelace",
      GIT_AUTHOR_EMAIL: "ada@example.com",
      GIT_COMMITTER_NAME: "Ada Lovelace",
      GIT_COMMITTER_EMAIL: "ada@example.com",
      GIT_AUTHOR_DATE: "1735689600 +0000",
      GIT_COMMITTER_DATE: "1735689600 +0000",
    };
    return (await execFileAsync("git", args, { cwd: dir, env })).stdout.trim();
  };
}

async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** Creates the work tree at `dir` (on `master`) and returns it. */
export async function sparkOperatorLayout(dir: string, homeDir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const git = gitIn(dir, homeDir);
  await git("init", "--quiet", "--initial-branch=master");
  await write(dir, {
    "charts/spark-operator-chart/Chart.yaml": CHART,
    "charts/spark-operator-chart/values.yaml":
      'image:\n  registry: ghcr.io\n  repository: kubeflow/spark-operator\n  tag: ""\n',
    "charts/spark-operator-chart/README.md": README,
    VERSION: "v2.0.2\n",
    "internal/controller/sparkapplication/submission.go": CONTROLLER,
    "go.mod": "module github.com/kubeflow/spark-operator\n\ngo 1.23\n",
  });
  await git("add", ".");
  await git("commit", "--quiet", "-m", "Release v2.0.2");
  await git("tag", "-a", "-m", "v2.0.2", "v2.0.2");
  await write(dir, {
    "cmd/main.go": 'package main\n\nfunc main() { println("spark-operator") }\n',
  });
  await git("add", ".");
  await git("commit", "--quiet", "-m", "Add the operator's entry point");
  await git("checkout", "--quiet", "-b", "fix-branch");
  await write(dir, {
    "internal/controller/sparkapplication/submission.go": CONTROLLER.replace("= 60", "= 120"),
  });
  await git("commit", "--quiet", "-am", "Raise the submission timeout to 120s");
  await git("checkout", "--quiet", "master");
  return dir;
}
