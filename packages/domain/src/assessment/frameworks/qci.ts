import type { Framework } from '../framework.ts';

// Being written (issue 19): the framework's areas and practices replace this outline.
export const qci: Framework = {
  key: 'qci',
  version: 1,
  name: { vi: 'qci', en: 'qci' },
  description: { vi: 'qci', en: 'qci' },
  source: { vi: 'qci', en: 'qci' },
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
              id: 'qci.outline.1',
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
