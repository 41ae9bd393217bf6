/**
 * Conformance checks that keep the local GitHub honest, reusable by any test of a client: a
 * response against GitHub's published OpenAPI description, a webhook body against
 * @octokit/webhooks-schemas, the shape of an answer against a recording of GitHub's.
 */
export {
  assertConformsToOpenApi,
  findOperation,
  validatedOperations,
  withOpenApiValidation,
} from "./openapi.js";
export { normalizedLink, shapeDifferences } from "./shape.js";
export { assertValidWebhook } from "./webhook-schema.js";
