import { DEFAULT_HTTP, GitHubApiError, requestJson, type HttpOptions } from './github-http.js';

export { GitHubApiError } from './github-http.js';

export interface CommentAuthor {
  login: string;
  id?: number;
  type?: string;
}

export interface IssueComment {
  id: number;
  body?: string;
  user?: CommentAuthor | null;
}

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
  user?: CommentAuthor | null;
}

export interface LineComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
}

/** The login GitHub gives the workflow token (GITHUB_TOKEN) as comment author. */
export const WORKFLOW_BOT = 'github-actions[bot]';
/** Enough for any real pull request (100 per page); beyond it we stop rather than post a second summary. */
const MAX_PAGES = 1000;

/** The few REST endpoints the Action uses, over fetch, with timeouts and bounded retries. */
export class GitHubApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly repo: string,
    private readonly http: HttpOptions = DEFAULT_HTTP,
  ) {}

  private request(method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'diffwarden',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const target = url.startsWith('/') ? `${this.baseUrl}${url}` : url;
    return requestJson(target, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, this.http);
  }

  /** Every page, following GitHub's `Link: rel="next"` (only to the same API origin). */
  private async all<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    const origin = new URL(this.baseUrl).origin;
    let url: string | undefined = `${path}?per_page=100`;
    for (let page = 0; url !== undefined; page++) {
      if (page === MAX_PAGES) throw new GitHubApiError(0, `GET ${path}: more than ${MAX_PAGES * 100} items; not commenting rather than risking a second summary.`);
      const { data, next } = await this.request('GET', url);
      if (!Array.isArray(data)) throw new GitHubApiError(0, `GET ${path}: expected a list`);
      out.push(...(data as T[]));
      url = next !== undefined && new URL(next).origin === origin ? next : undefined;
    }
    return out;
  }

  /**
   * Whose comments are ours: the token's user (GET /user), or, for an installation token such as the
   * workflow token (GET /user answers 403), `fallbackLogin`.
   */
  async identity(fallbackLogin: string): Promise<CommentAuthor> {
    try {
      const { data } = await this.request('GET', '/user');
      const user = data as { login?: unknown; id?: unknown; type?: unknown };
      if (typeof user.login === 'string' && typeof user.id === 'number') return { login: user.login, id: user.id, ...(typeof user.type === 'string' ? { type: user.type } : {}) };
    } catch (error) {
      if (!(error instanceof GitHubApiError) || error.rateLimited || ![401, 403, 404].includes(error.status)) throw error;
    }
    return { login: fallbackLogin };
  }

  issueComments(issue: number): Promise<IssueComment[]> {
    return this.all(`/repos/${this.repo}/issues/${issue}/comments`);
  }

  async createIssueComment(issue: number, body: string): Promise<void> {
    await this.request('POST', `/repos/${this.repo}/issues/${issue}/comments`, { body });
  }

  async updateIssueComment(id: number, body: string): Promise<void> {
    await this.request('PATCH', `/repos/${this.repo}/issues/comments/${id}`, { body });
  }

  reviewComments(pull: number): Promise<ReviewComment[]> {
    return this.all(`/repos/${this.repo}/pulls/${pull}/comments`);
  }

  async createReview(pull: number, commitId: string, comments: LineComment[]): Promise<void> {
    await this.request('POST', `/repos/${this.repo}/pulls/${pull}/reviews`, { commit_id: commitId, event: 'COMMENT', comments });
  }

  async createReviewComment(pull: number, commitId: string, comment: LineComment): Promise<void> {
    await this.request('POST', `/repos/${this.repo}/pulls/${pull}/comments`, { commit_id: commitId, ...comment });
  }

  async deleteReviewComment(id: number): Promise<void> {
    await this.request('DELETE', `/repos/${this.repo}/pulls/comments/${id}`);
  }
}

/** Logins are case-insensitive; a known user id must match too. */
export function writtenBy(comment: { user?: CommentAuthor | null }, me: CommentAuthor): boolean {
  const user = comment.user;
  if (!user || typeof user.login !== 'string' || user.login.toLowerCase() !== me.login.toLowerCase()) return false;
  return me.id === undefined || user.id === me.id;
}
