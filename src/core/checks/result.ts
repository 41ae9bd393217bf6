/** What a check run reports, before it is sent: the verdict, its words, and where in which file. */
export interface CheckAnnotation {
  path: string;
  line: number;
  /** The last line, when the annotation spans several. */
  endLine?: number;
  level: "notice" | "warning" | "failure";
  title: string;
  message: string;
}

export interface CheckResult {
  conclusion: "success" | "failure" | "neutral";
  /** One line: what the maintainer sees beside the check's name. */
  title: string;
  /** Markdown: why, and what to do. */
  summary: string;
  annotations: CheckAnnotation[];
}

/** Check run names, as GitHub lists them under release-bot on a pull request. */
export const CHECK_NAMES = {
  policy: "release-branch policy",
  versions: "version consistency",
  configuration: "release-bot configuration",
  markers: "conflict markers",
} as const;
