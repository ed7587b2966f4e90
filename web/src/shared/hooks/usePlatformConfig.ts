import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Ok } from '../api/contract';

export type PlatformConfig = Ok<'/api/platform/config', 'get'>;
export type TileCrs = PlatformConfig['tileCrs'];

declare global {
  interface Window {
    /** Optional deployment-time overrides injected into index.html (e.g. an intranet tile server). */
    __GUIFAN_CONFIG__?: Partial<Pick<PlatformConfig, 'tileUrl' | 'tileAttribution' | 'tileCrs'>>;
  }
}

const FALLBACK: PlatformConfig = { tileUrl: null, tileAttribution: null, tileCrs: 'wgs84', version: '' };

/** Public platform configuration; `window.__GUIFAN_CONFIG__` overrides the server's tile settings. */
export function usePlatformConfig() {
  return useQuery({
    queryKey: ['platform', 'config'],
    staleTime: Infinity,
    retry: false,
    queryFn: async (): Promise<PlatformConfig> => {
      let fromServer = FALLBACK;
      try {
        fromServer = { ...FALLBACK, ...(await api.get<PlatformConfig>('/api/platform/config')) };
      } catch {
        // The map must work without configuration: boundaries on a plain background.
      }
      const o = window.__GUIFAN_CONFIG__ ?? {};
      return {
        ...fromServer,
        tileUrl: o.tileUrl ?? fromServer.tileUrl,
        tileAttribution: o.tileAttribution ?? fromServer.tileAttribution,
        tileCrs: o.tileCrs ?? fromServer.tileCrs,
      };
    },
  });
}
