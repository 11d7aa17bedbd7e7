import type { Framework } from '../framework.ts';

// Being written (issue 19): the framework's areas and practices replace this outline.
export const idic: Framework = {
  key: 'idic',
  version: 1,
  name: { vi: 'idic', en: 'idic' },
  description: { vi: 'idic', en: 'idic' },
  source: { vi: 'idic', en: 'idic' },
  areas: [
    {
      key: 'outline',
      name: { vi: 'outline', en: 'outline' },
      summary: { vi: 'outline', en: 'outline' },
      weight: 1,
      subComponents: [
        {
          key: 'outline',
          name: { vi: 'outline', en: 'outline' },
          practices: [
            {
              id: 'idic.outline.1',
              text: { vi: 'outline', en: 'outline' },
              intention: { vi: 'outline', en: 'outline' },
              reality: { vi: 'outline', en: 'outline' },
              weight: 1,
              indicators: [],
              actions: [],
            },
          ],
        },
      ],
    },
  ],
};
