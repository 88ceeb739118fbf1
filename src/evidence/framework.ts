/** Front-end frameworks as env tracing sees them: which names reach browser code. Data only. */

export type FrameworkId = 'next' | 'nuxt' | 'sveltekit' | 'astro' | 'cra' | 'expo' | 'vite';

export interface Framework {
  readonly id: FrameworkId;
  readonly label: string;
  /** Only names with this prefix reach browser (or app) code. */
  readonly prefix: string;
  /** The project also runs server code, which sees every name. */
  readonly serverCode: boolean;
}

/** Every public prefix a front-end tool uses. */
export const PUBLIC_PREFIXES = [
  'NEXT_PUBLIC_',
  'NUXT_PUBLIC_',
  'EXPO_PUBLIC_',
  'REACT_APP_',
  'VITE_',
  'PUBLIC_',
] as const;
