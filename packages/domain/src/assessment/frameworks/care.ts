import type { Framework } from '../framework.ts';

// Being written (issue 19): the framework's areas and practices replace this outline.
export const care: Framework = {
  key: 'care',
  version: 1,
  name: { vi: 'care', en: 'care' },
  description: { vi: 'care', en: 'care' },
  source: { vi: 'care', en: 'care' },
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
              id: 'care.outline.1',
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
