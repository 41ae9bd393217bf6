/**
 * What the reliability table counts, computed from two snapshots of the local GitHub (before and
 * after a scenario) and what the scenario should have produced. Pure: the snapshots are plain
 * data (see snapshot.ts), so the counting itself is unit-tested on hand-made ones too.
 *
 * A duplicate is anything a user would see twice: a second bump commit for a version, a second
 * tag object for a release (the ref moved, or another tag on the same commit), a second GitHub
 * release or pick pull request under any name, a second reply. Effects the scenario did not ask
 * for at all (a `v1.5.0-rc.2` nobody requested, a comment nobody expected) count as duplicates
 * too. A flow is incomplete for each expected effect that is missing or says the wrong thing.
 */

export interface SnapshotCommit {
  sha: string;
  subject: string;
  /** The `VERSION` file after this commit, when the commit changed it. */
  version: string | null;
}

export interface SnapshotTagRef {
  name: string;
  /** The tag object (annotated) or the commit (lightweight) the ref points to. */
  object: string;
  commit: string;
}

/** A tag ref being created or moved, from the `push` webhooks the local GitHub sent. */
export interface SnapshotTagPush {
  seq: number;
  tag: string;
  object: string;
  commit: string | null;
  pusher: string;
}

export interface SnapshotRelease {
  id: number;
  tagName: string;
  name: string;
}

export interface SnapshotPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  user: string;
}

export interface SnapshotComment {
  id: number;
  issue: number;
  user: string;
  body: string;
}

export interface SnapshotDelivery {
  seq: number;
  sender: string;
  /** Requests the replicas received for it (one per subscribed replica). */
  attempts: number;
  /** Lost on purpose: a webhook GitHub never sent. */
  dropped: boolean;
}

export interface Snapshot {
  bot: string;
  /** Commits reachable from any branch or tag. */
  commits: SnapshotCommit[];
  tagRefs: SnapshotTagRef[];
  tagPushes: SnapshotTagPush[];
  releases: SnapshotRelease[];
  pulls: SnapshotPull[];
  comments: SnapshotComment[];
  deliveries: SnapshotDelivery[];
  /** When each request answered by an injected fault was made (ms since the epoch). */
  faultedRequests: number[];
  takenAt: number;
}

export interface Expected {
  /** Releases the scenario cuts: one bump commit (unless `bump: false`), tag object, release. */
  releases?: Array<{ tag: string; bump?: boolean; release?: boolean }>;
  /** Cherry-picks: one pick pull request each. */
  picks?: Array<{ original: number; base: string }>;
  /**
   * Commands: one reply each, whose text (markers left out) matches when `text` is given. A reply
   * that reports a failure is an incomplete flow, unless the scenario `fails` on purpose.
   */
  replies?: Array<{ issue: number; commentId: number; text?: string | RegExp; fails?: boolean }>;
  /** Other comments of the bot (status tables), one each, found by what they contain. */
  notes?: Array<{ issue: number; includes: string; text?: string | RegExp }>;
}

export interface Counts {
  deliveries: number;
  /** Requests answered by an injected fault, and webhooks dropped on purpose. */
  faults: number;
  /** Per tag: new bump commits, tag objects and GitHub releases. */
  bumpCommits: Record<string, number>;
  tagObjects: Record<string, number>;
  releases: Record<string, number>;
  /** Per `#original→base`: pick pull requests. */
  pickPulls: Record<string, number>;
  /** Per command comment id, or per expected note: the bot's comments answering it. */
  replies: Record<string, number>;
  notes: Record<string, number>;
  /** The bot's new comments that answer nothing expected. */
  unexpectedComments: number;
  duplicates: number;
  incomplete: number;
  /** What is missing or wrong, one line per incomplete effect, for test failure messages. */
  missing: string[];
}

const MARKER = /\n*<!-- release-bot:[^>]*-->/g;
/** A comment as its reader sees it: without the bot's hidden markers. */
export const visibleText = (body: string) => body.replace(MARKER, "").trim();

const RELEASE_SUBJECT = /^Release (v?\d\S*?)(?: \(#\d+\))?$/;
const FAILED_MARKER = "<!-- release-bot:failed -->";

/** The release a commit bumps to, by its message or by what it wrote into `VERSION`. */
function bumpedTag(commit: SnapshotCommit): string | null {
  return RELEASE_SUBJECT.exec(commit.subject)?.[1] ?? commit.version?.trim() ?? null;
}

const pickKey = (original: number, base: string) => `#${original}→${base}`;
const isPickOf = (pull: SnapshotPull, original: number, base: string) =>
  pull.base === base &&
  (pull.body.startsWith(`Cherry-pick of #${original} onto ${base}`) ||
    pull.head.startsWith(`cherry-pick-${original}-to-${base}`));

const matches = (text: string, want: string | RegExp) =>
  typeof want === "string" ? text === want : want.test(text);

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export function countEffects(before: Snapshot, after: Snapshot, expected: Expected): Counts {
  const lastDelivery = Math.max(0, ...before.deliveries.map((d) => d.seq));
  // Deliveries of what users did; the echoes of the bot's own actions are not counted.
  const newDeliveries = after.deliveries.filter(
    (d) => d.seq > lastDelivery && d.sender !== after.bot,
  );
  const counts: Counts = {
    deliveries: newDeliveries.reduce((n, d) => n + d.attempts, 0),
    faults:
      after.faultedRequests.filter((at) => at >= before.takenAt).length +
      newDeliveries.filter((d) => d.dropped).length,
    bumpCommits: {},
    tagObjects: {},
    releases: {},
    pickPulls: {},
    replies: {},
    notes: {},
    unexpectedComments: 0,
    duplicates: 0,
    incomplete: 0,
    missing: [],
  };
  const expectedTags = expected.releases ?? [];
  const tagCommit = new Map(after.tagRefs.map((ref) => [ref.name, ref.commit]));
  /** The expected release an effect on this tag name or commit belongs to, else its own name. */
  const releaseOf = (name: string, commit: string | null) =>
    expectedTags.find((t) => t.tag === name || (commit !== null && tagCommit.get(t.tag) === commit))
      ?.tag ?? name;

  const oldCommits = new Set(before.commits.map((c) => c.sha));
  for (const commit of after.commits) {
    const tag = oldCommits.has(commit.sha) ? null : bumpedTag(commit);
    if (tag) bump(counts.bumpCommits, releaseOf(tag, null));
  }

  const oldRefs = new Set(before.tagRefs.map((ref) => `${ref.name} ${ref.object}`));
  const lastSeq = Math.max(0, ...before.tagPushes.map((p) => p.seq));
  const tagObjects = new Map<string, Set<string>>();
  const sawTagObject = (name: string, object: string, commit: string | null) => {
    const key = releaseOf(name, commit);
    tagObjects.set(key, (tagObjects.get(key) ?? new Set()).add(object));
  };
  for (const push of after.tagPushes) {
    if (push.seq > lastSeq && push.pusher === after.bot) {
      sawTagObject(push.tag, push.object, push.commit);
    }
  }
  // A tag made while GitHub failed to answer may have sent no webhook: the refs say it exists.
  for (const ref of after.tagRefs) {
    if (!oldRefs.has(`${ref.name} ${ref.object}`)) sawTagObject(ref.name, ref.object, ref.commit);
  }
  for (const [tag, objects] of tagObjects) counts.tagObjects[tag] = objects.size;

  const oldReleases = new Set(before.releases.map((r) => r.id));
  for (const release of after.releases) {
    if (!oldReleases.has(release.id)) {
      bump(counts.releases, releaseOf(release.tagName, tagCommit.get(release.tagName) ?? null));
    }
  }

  const oldPulls = new Set(before.pulls.map((p) => p.number));
  let unexpectedPulls = 0;
  for (const pull of after.pulls) {
    if (oldPulls.has(pull.number) || pull.user !== after.bot) continue;
    const pick = (expected.picks ?? []).find((p) => isPickOf(pull, p.original, p.base));
    if (pick) bump(counts.pickPulls, pickKey(pick.original, pick.base));
    else unexpectedPulls++;
  }

  countComments(before, after, expected, counts);

  const missing = (what: string) => counts.missing.push(what);
  const once = (record: Record<string, number>, key: string, what: string, required: boolean) => {
    const n = record[key] ?? 0;
    counts.duplicates += Math.max(0, n - 1);
    if (required && n === 0) missing(`${what} missing`);
  };
  for (const t of expectedTags) {
    once(counts.bumpCommits, t.tag, `bump commit of ${t.tag}`, t.bump !== false);
    once(counts.tagObjects, t.tag, `tag ${t.tag}`, true);
    once(counts.releases, t.tag, `GitHub release of ${t.tag}`, t.release !== false);
    if ((counts.tagObjects[t.tag] ?? 0) > 0 && !tagCommit.has(t.tag)) {
      missing(`tag ref ${t.tag} gone`);
    }
  }
  const isExpected = (tag: string) => expectedTags.some((t) => t.tag === tag);
  for (const record of [counts.bumpCommits, counts.tagObjects, counts.releases]) {
    for (const [tag, n] of Object.entries(record)) if (!isExpected(tag)) counts.duplicates += n;
  }
  for (const p of expected.picks ?? []) {
    once(
      counts.pickPulls,
      pickKey(p.original, p.base),
      `pick PR of ${pickKey(p.original, p.base)}`,
      true,
    );
  }
  counts.duplicates += unexpectedPulls + counts.unexpectedComments;
  for (const [key, n] of [...Object.entries(counts.replies), ...Object.entries(counts.notes)]) {
    counts.duplicates += Math.max(0, n - 1);
    if (n === 0) missing(`comment ${key} missing`);
  }
  counts.incomplete = counts.missing.length;
  return counts;
}

/** Replies and notes: each expected comment once, with the expected text; no other comments. */
function countComments(before: Snapshot, after: Snapshot, expected: Expected, counts: Counts) {
  const oldComments = new Set(before.comments.map((c) => c.id));
  const attributed = new Set<number>();
  const botComments = after.comments.filter((c) => c.user === after.bot);
  const check = (key: string, found: SnapshotComment[], text?: string | RegExp, fails = false) => {
    for (const c of found) attributed.add(c.id);
    const first = found[0];
    if (!first) return;
    if (first.body.includes(FAILED_MARKER) !== fails) {
      counts.missing.push(`${key} ${fails ? "does not report" : "reports"} a failure`);
    } else if (text !== undefined && !matches(visibleText(first.body), text)) {
      counts.missing.push(`${key} reads ${JSON.stringify(visibleText(first.body))}`);
    }
  };
  for (const r of expected.replies ?? []) {
    const key = `reply to ${r.commentId}`;
    const marked = botComments.filter(
      (c) => c.issue === r.issue && c.body.includes(`release-bot:reply-to:${r.commentId} `),
    );
    const shown = marked[0] ? visibleText(marked[0].body) : null;
    // The same answer again without the marker is a duplicate reply too.
    const copies = botComments.filter(
      (c) =>
        c.issue === r.issue &&
        !c.body.includes("release-bot:reply-to:") &&
        visibleText(c.body) === shown,
    );
    counts.replies[key] = marked.length + copies.length;
    check(key, [...marked, ...copies], r.text, r.fails);
  }
  for (const n of expected.notes ?? []) {
    const key = `note on #${n.issue} with ${JSON.stringify(n.includes)}`;
    const found = botComments.filter((c) => c.issue === n.issue && c.body.includes(n.includes));
    counts.notes[key] = found.length;
    check(key, found, n.text);
  }
  counts.unexpectedComments = botComments.filter(
    (c) => !oldComments.has(c.id) && !attributed.has(c.id),
  ).length;
}
