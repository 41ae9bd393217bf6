import type { DeliveryRequest, Sandbox } from "@release-bot/local-github";
import { Probot } from "probot";
import releaseBot from "../../src/index.js";
import { TestOctokit } from "./probot.js";

/**
 * Replicas of the real app, each its own Probot in this process, behind one load-balanced
 * subscription of the local GitHub: deliveries are verified (signature) and received in-process.
 */
export async function subscribeApp(target: Sandbox, replicas = 1): Promise<void> {
  const apps = [];
  for (let i = 0; i < replicas; i++) {
    const probot = new Probot({
      ...target.probotOptions(),
      logLevel: "fatal",
      Octokit: TestOctokit,
    });
    await probot.load(releaseBot);
    apps.push((req: DeliveryRequest) =>
      probot.webhooks.verifyAndReceive({
        id: req.id,
        name: req.name as "pull_request",
        payload: req.body,
        signature: req.headers["x-hub-signature-256"] as string,
      }),
    );
  }
  target.subscribe(apps);
}
