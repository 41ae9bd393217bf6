/**
 * The test world's repository, the demo operator: the shape of Kubeflow Spark Operator (a Helm
 * chart whose version follows the image, a VERSION file, helm-docs badges, Go sources) at 1.4,
 * and its people. `npm run demo`, the rehearsal's benchmark and the end-to-end, reliability and
 * benchmark beds all start from it.
 */
import type { Sandbox } from "../sandbox.js";
import type { SandboxRepo } from "../script.js";

export const DEMO_REPO = "kubeflow/demo-operator";
export const DEFAULT_BRANCH = "master";

/** Who may release (the `maintain` role) and who may not (`read`). */
export const MAINTAINER = "maintainer";
export const CONTRIBUTOR = "contributor";

const CHART = `#
# Copyright 2024 The Kubeflow authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
#

apiVersion: v2

name: demo-operator

description: A Helm chart for the demo operator.

version: 1.4.0

appVersion: 1.4.0

keywords:
- operator
`;

const VALUES = `# Default values for demo-operator.
image:
  # -- Image registry.
  registry: ghcr.io
  # -- Image repository.
  repository: kubeflow/demo-operator
  # -- Image tag; empty means the chart's appVersion.
  tag: ""
`;

const README = `# demo-operator

![Version: 1.4.0](https://img.shields.io/badge/Version-1.4.0-informational?style=flat-square) ![AppVersion: 1.4.0](https://img.shields.io/badge/AppVersion-1.4.0-informational?style=flat-square)

A Helm chart for the demo operator.
`;

const MAIN_GO = `package main

import "fmt"

func main() {
\tfmt.Println("demo-operator")
}
`;

const CONTROLLER_GO = `package controller

// Reconcile brings one resource to its desired state.
func Reconcile(name string) error {
\treturn nil
}
`;

const EXECUTOR_GO = `package controller

// executorTimeoutSeconds bounds how long an executor pod may start.
const executorTimeoutSeconds = 60

// cleanupExecutors deletes finished executor pods.
func cleanupExecutors() {
}
`;

const DOCKERFILE = `FROM golang:1.22 AS builder
WORKDIR /workspace
COPY . .
RUN go build -o /demo-operator .

FROM gcr.io/distroless/static
COPY --from=builder /demo-operator /demo-operator
ENTRYPOINT ["/demo-operator"]
`;

/** The first commit of the demo repository. */
export const INITIAL_FILES: Record<string, string> = {
  VERSION: "v1.4.0\n",
  "charts/demo-operator/Chart.yaml": CHART,
  "charts/demo-operator/values.yaml": VALUES,
  "charts/demo-operator/README.md": README,
  "main.go": MAIN_GO,
  "internal/controller/reconcile.go": CONTROLLER_GO,
  "internal/controller/executor.go": EXECUTOR_GO,
  Dockerfile: DOCKERFILE,
  "go.mod": "module github.com/kubeflow/demo-operator\n\ngo 1.22\n",
};

/** Feature work on master after 1.4, so the release branch starts from some history. */
export const MASTER_HISTORY: Array<{ message: string; files: Record<string, string> }> = [
  {
    message: "Add leader election flag\n\nSigned-off-by: Ada Lovelace <ada@example.com>",
    files: {
      "main.go": MAIN_GO.replace(
        'fmt.Println("demo-operator")',
        'fmt.Println("demo-operator", "--leader-elect")',
      ),
    },
  },
  {
    message: "Support queue annotations\n\nSigned-off-by: Grace Hopper <grace@example.com>",
    files: {
      "internal/controller/reconcile.go": `${CONTROLLER_GO}\n// QueueAnnotation names the queue of a job.\nconst QueueAnnotation = "kubeflow.org/queue"\n`,
    },
  },
];

/**
 * The demo operator on the local GitHub: its first commit, the people's roles, then master's
 * history since 1.4, each commit as a push (delivered to whoever is subscribed by then).
 */
export async function seedDemoRepository(sandbox: Sandbox): Promise<SandboxRepo> {
  const repo = await sandbox.createRepo(DEMO_REPO, {
    defaultBranch: DEFAULT_BRANCH,
    files: INITIAL_FILES,
    message: "Initial commit: demo-operator 1.4",
  });
  sandbox.setPermission(repo, MAINTAINER, "maintain");
  sandbox.setPermission(repo, CONTRIBUTOR, "read");
  for (const change of MASTER_HISTORY) {
    await repo.commit({
      branch: DEFAULT_BRANCH,
      files: change.files,
      message: change.message,
      author: MAINTAINER,
    });
  }
  await sandbox.idle();
  return repo;
}
