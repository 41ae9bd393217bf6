/**
 * The Action's inputs as the runner passes them (`INPUT_<NAME>` variables, read by
 * @actions/core): what each one turns into, and the defaults when a variable is unset.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readActionSettings } from "../../src/action/settings.js";

const RUN = {
  INPUT_TOKEN: "ghs_token",
  GITHUB_EVENT_NAME: "issue_comment",
  GITHUB_EVENT_PATH: "/tmp/event.json",
  GITHUB_RUN_ID: "7",
  GITHUB_RUN_ATTEMPT: "2",
};
const saved = { ...process.env };

function settingsWith(inputs: Record<string, string>) {
  for (const [name, value] of Object.entries({ ...RUN, ...inputs })) process.env[name] = value;
  return readActionSettings();
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

describe("the Action's inputs", () => {
  it("write-throttle: on unless set to false, as action.yml's default says", () => {
    expect(settingsWith({}).writeThrottle).toBe(true);
    expect(settingsWith({ "INPUT_WRITE-THROTTLE": "true" }).writeThrottle).toBe(true);
    expect(settingsWith({ "INPUT_WRITE-THROTTLE": "false" }).writeThrottle).toBe(false);
  });

  it("write-throttle: a value that is no boolean is refused, naming the input", () => {
    expect(() => settingsWith({ "INPUT_WRITE-THROTTLE": "off" })).toThrow(/write-throttle/);
  });

  it("the run's variables: the API of the runner's GitHub, one delivery id per attempt", () => {
    const settings = settingsWith({ GITHUB_API_URL: "https://ghe.example.com/api/v3" });
    expect(settings).toMatchObject({
      token: "ghs_token",
      eventName: "issue_comment",
      apiUrl: "https://ghe.example.com/api/v3",
      deliveryId: "7-2",
      dryRun: false,
    });
  });
});
