/** A failed GitHub API call; `status` 403/404 on a write means "no permission" (fork pull requests). */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface IssueComment {
  id: number;
  body?: string;
}

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
}

/** The few REST endpoints the Action uses, over fetch. */
export class GitHubApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly repo: string,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<{ data: T; next: boolean }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'diffwarden',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new GitHubApiError(response.status, `${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    const next = /rel="next"/.test(response.headers.get('link') ?? '');
    return { data: (response.status === 204 ? undefined : await response.json()) as T, next };
  }

  private async all<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page <= 50; page++) {
      const { data, next } = await this.request<T[]>('GET', `${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
      out.push(...data);
      if (!next) break;
    }
    return out;
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

  async createReview(pull: number, commitId: string, comments: { path: string; line: number; side: 'RIGHT'; body: string }[]): Promise<void> {
    await this.request('POST', `/repos/${this.repo}/pulls/${pull}/reviews`, { commit_id: commitId, event: 'COMMENT', comments });
  }

  async deleteReviewComment(id: number): Promise<void> {
    await this.request('DELETE', `/repos/${this.repo}/pulls/comments/${id}`);
  }
}
