import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

/** Admin keys only work on the organisation endpoints of their provider. */
const ADMIN_PATH = /\/organizations?(\/|$)/;

export const keyWrongEnvironment = defineCheck<KeyEvidence>(
  'key-wrong-environment',
  ({ matches, path }) => {
    if (path === undefined) return [];
    const admin = matches.find((m) => m.shape.kinds.includes('admin'));
    if (admin && !ADMIN_PATH.test(path)) {
      return [
        finding(
          'key.wrong-environment',
          'definitive',
          `an ${admin.provider.name} admin key is sent to ${path}; admin keys only work on the organisation endpoints`,
          { provider: admin.provider.id, environment: 'admin' },
        ),
      ];
    }
    return [];
  },
);
