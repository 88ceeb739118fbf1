import { join } from 'node:path';
import type { Framework, FrameworkId } from '../../evidence/framework.js';
import { readSmallText } from './read-text.js';

export type { Framework, FrameworkId };

/** Which package marks which framework, most specific first (Next, SvelteKit and Astro use Vite). */
const MARKERS: readonly {
  pkg: string;
  id: FrameworkId;
  label: string;
  prefix: string;
  server: boolean;
}[] = [
  { pkg: 'next', id: 'next', label: 'Next.js', prefix: 'NEXT_PUBLIC_', server: true },
  { pkg: 'nuxt', id: 'nuxt', label: 'Nuxt', prefix: 'NUXT_PUBLIC_', server: true },
  { pkg: '@sveltejs/kit', id: 'sveltekit', label: 'SvelteKit', prefix: 'PUBLIC_', server: true },
  { pkg: 'astro', id: 'astro', label: 'Astro', prefix: 'PUBLIC_', server: true },
  {
    pkg: 'react-scripts',
    id: 'cra',
    label: 'Create React App',
    prefix: 'REACT_APP_',
    server: false,
  },
  { pkg: 'expo', id: 'expo', label: 'Expo', prefix: 'EXPO_PUBLIC_', server: false },
  { pkg: 'vite', id: 'vite', label: 'Vite', prefix: 'VITE_', server: false },
];

/** Packages that mean the project has its own server code beside the bundle. */
const SERVER_PACKAGES = ['express', 'fastify', 'koa', 'hono', '@nestjs/core', '@hapi/hapi'];

export interface FrameworkRead {
  readonly framework: Framework | null;
  readonly warning?: string;
}

/** The front-end framework of the folder, from its package.json dependencies. */
export async function detectFramework(dir: string): Promise<FrameworkRead> {
  const read = await readSmallText(join(dir, 'package.json'));
  if (!read) return { framework: null };
  if (!read.ok) return { framework: null, warning: `package.json: skipped, ${read.skipped}` };
  let deps: Record<string, unknown>;
  try {
    const pkg = JSON.parse(read.text) as Record<string, unknown>;
    deps = { ...asRecord(pkg['dependencies']), ...asRecord(pkg['devDependencies']) };
  } catch {
    return { framework: null, warning: 'package.json: not valid JSON, framework not detected' };
  }
  const marker = MARKERS.find((m) => m.pkg in deps);
  if (!marker) return { framework: null };
  const server = marker.server || SERVER_PACKAGES.some((p) => p in deps);
  return {
    framework: { id: marker.id, label: marker.label, prefix: marker.prefix, serverCode: server },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
