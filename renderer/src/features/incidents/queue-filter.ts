/** The queue's filters as the URL keeps them (`#/alerts?state=open&review=unreviewed`), so a view can be bookmarked. */
export interface QueueFilter {
  state: 'all' | 'open' | 'ended';
  review: 'all' | 'unreviewed' | 'reviewed';
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = { state: 'all', review: 'all' };

const STATES = ['all', 'open', 'ended'] as const;
const REVIEWS = ['all', 'unreviewed', 'reviewed'] as const;

export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const state = STATES.find((s) => s === params.get('state')) ?? 'all';
  const review = REVIEWS.find((r) => r === params.get('review')) ?? 'all';
  return { state, review };
}

export function queueFilterParams(filter: QueueFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state !== 'all') params.set('state', filter.state);
  if (filter.review !== 'all') params.set('review', filter.review);
  return params;
}

/** The `incidents:list` input for a filter and the reviewer whose reviews the queue shows. */
export function queueRequest(
  filter: QueueFilter,
  reviewerId: string,
  limit: number,
): { limit: number; reviewerId: string; state?: 'open' | 'ended'; review?: 'unreviewed' | 'reviewed' } {
  return {
    limit,
    reviewerId,
    ...(filter.state === 'all' ? {} : { state: filter.state }),
    ...(filter.review === 'all' ? {} : { review: filter.review }),
  };
}
