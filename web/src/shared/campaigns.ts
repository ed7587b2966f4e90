import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import type { ItemOf, Ok } from './api/contract';

/**
 * The assessment campaigns, as a lookup: the assessment module runs them, the progress dashboard picks one. The
 * assessment module re-exports these.
 */
export type CampaignList = Ok<'/api/assessment/campaigns', 'get'>;
export type CampaignSummary = ItemOf<CampaignList['items']>;

/** Every assessment query lives under this key, so the assessment module's mutations refresh this list too. */
export const ASSESSMENT_KEY = ['assessment'] as const;

export function useCampaigns() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'campaigns'],
    queryFn: ({ signal }) => api.get<CampaignList>('/api/assessment/campaigns', undefined, signal),
    staleTime: 30_000,
  });
}
