/**
 * Isomorphic: settings a deployment of the atlas may change, in one place. Pages, the build's remark
 * plugin and islands read them from here.
 */
export const SITE_CONFIG = {
  /**
   * The project's issue tracker: "Report a problem with this object" opens `<issueTracker>/new`
   * with a prefilled title and body (GitHub, Gitea and Forgejo read `title` and `body`). Set
   * ISSUE_TRACKER at build time to point a fork at its own tracker.
   */
  issueTracker: 'https://github.com/continuous-function/atlas/issues',
} as const;

/** What a problem report names: the object, where it is, and which build the reader saw. */
export interface ProblemReport {
  tracker: string;
  objectId: string;
  objectLabel: string;
  /** The object's absolute URL, with its anchor. */
  pageUrl: string;
  buildId: string;
}

/** The "new issue" URL with its title and body filled in; every value is URL-encoded. */
export function reportProblemUrl(report: ProblemReport): string {
  const title = `Problem with ${report.objectId}`;
  const body = [
    `Object: ${report.objectId} (${report.objectLabel})`,
    `Page: ${report.pageUrl}`,
    `Build: ${report.buildId}`,
    '',
    'What is wrong, and what did you expect?',
    '',
  ].join('\n');
  const tracker = report.tracker.replace(/\/+$/, '');
  return `${tracker}/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}
