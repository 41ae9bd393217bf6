/**
 * Conformance checks that keep the local GitHub honest, reusable by any test of a client: a
 * response against GitHub's published OpenAPI description, a webhook body against
 * @octokit/webhooks-schemas.
 */
export { assertConformsToOpenApi, validatedOperations, withOpenApiValidation } from "./openapi.js";
export { assertValidWebhook } from "./webhook-schema.js";
