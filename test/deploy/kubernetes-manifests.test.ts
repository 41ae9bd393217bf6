import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";

const DIR = "deploy/kubernetes";

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<
  string,
  // biome-ignore lint/suspicious/noExplicitAny: manifests are read as plain YAML data
  any
>;

/** The Kubernetes schema of each kind we ship, from the kubernetes-models package. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "batch/v1/CronJob": CronJob,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/Service": Service,
  "v1/Secret": Secret,
};

function manifestsIn(dir: string): Array<{ file: string; doc: Manifest }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), "utf8")).map((d) => ({
        file,
        doc: d.toJS() as Manifest,
      })),
    );
}

const all = () => [...manifestsIn(DIR), ...manifestsIn(join(DIR, "redis"))];
const find = (kind: string, name: string) =>
  all().find((m) => m.doc.kind === kind && m.doc.metadata.name === name)?.doc as Manifest;

describe("deploy/kubernetes", () => {
  it("every manifest is valid against the Kubernetes schema of its kind", () => {
    const manifests = all();
    expect(manifests.map((m) => `${m.doc.kind}/${m.doc.metadata.name}`).sort()).toEqual([
      "CronJob/release-bot-reconcile",
      "Deployment/release-bot",
      "Deployment/release-bot-redis",
      "PodDisruptionBudget/release-bot",
      "Secret/release-bot",
      "Service/release-bot",
      "Service/release-bot-redis",
    ]);
    for (const { file, doc } of manifests) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: ${doc.apiVersion} ${doc.kind} has no schema here`).toBeDefined();
      expect(
        () => new (Model as NonNullable<typeof Model>)(doc as never).validate(),
        file,
      ).not.toThrow();
    }
  });

  it("a schema violation is caught (the check can fail)", () => {
    const broken = structuredClone(find("Deployment", "release-bot"));
    broken.spec.replicas = "two";
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it("the kustomizations list exactly the manifests beside them, less the example Secret", () => {
    for (const dir of [DIR, join(DIR, "redis")]) {
      const kustomization = parseYaml(readFileSync(join(dir, "kustomization.yaml"), "utf8"));
      const files = readdirSync(dir).filter(
        (f) => f.endsWith(".yaml") && f !== "kustomization.yaml" && f !== "secret.example.yaml",
      );
      expect([...kustomization.resources].sort(), dir).toEqual(files.sort());
    }
    expect(existsSync(join(DIR, "secret.example.yaml"))).toBe(true);
  });

  it("runs two non-root replicas on a read-only filesystem, probed on /healthz and /readyz", () => {
    const deployment = find("Deployment", "release-bot");
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.command).toEqual(["node", "lib/bin/start.js"]);
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    expect(container.ports).toEqual([{ name: "http", containerPort: 3000 }]);
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
  });

  it("takes the credentials the App reads from the Secret, and the Secret example has each", () => {
    const secret = find("Secret", "release-bot");
    const fromSecret = (
      env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>,
    ) =>
      env
        .filter((e) => e.valueFrom?.secretKeyRef?.name === "release-bot")
        .map((e) => [e.name, e.valueFrom?.secretKeyRef?.key]);
    const server = fromSecret(
      find("Deployment", "release-bot").spec.template.spec.containers[0].env,
    );
    expect(server).toEqual([
      ["APP_ID", "APP_ID"],
      ["PRIVATE_KEY", "PRIVATE_KEY"],
      ["WEBHOOK_SECRET", "WEBHOOK_SECRET"],
      ["REDIS_URL", "REDIS_URL"],
    ]);
    const cron = find("CronJob", "release-bot-reconcile");
    const job = cron.spec.jobTemplate.spec.template.spec.containers[0];
    expect(job.command).toEqual(["node", "lib/bin/reconcile.js"]);
    expect(fromSecret(job.env)).toEqual([
      ["APP_ID", "APP_ID"],
      ["PRIVATE_KEY", "PRIVATE_KEY"],
    ]);
    for (const [, key] of server) expect(Object.keys(secret.stringData)).toContain(key);
  });

  it("the Service and the disruption budget select the webhook pods, not reconcile's", () => {
    const webhookPods = find("Deployment", "release-bot").spec.template.metadata.labels;
    const reconcilePods = find("CronJob", "release-bot-reconcile").spec.jobTemplate.spec.template
      .metadata.labels;
    const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([k, v]) => labels[k] === v);
    const service = find("Service", "release-bot").spec.selector;
    const budget = find("PodDisruptionBudget", "release-bot").spec.selector.matchLabels;
    expect(selects(service, webhookPods)).toBe(true);
    expect(selects(budget, webhookPods)).toBe(true);
    expect(selects(service, reconcilePods)).toBe(false);
    expect(selects(budget, reconcilePods)).toBe(false);
  });
});
