import type { Framework } from '../framework.ts';

// Being written (issue 19): the framework's areas and practices replace this outline.
export const payneFrow: Framework = {
  key: 'payne_frow',
  version: 1,
  name: { vi: 'payne_frow', en: 'payne_frow' },
  description: { vi: 'payne_frow', en: 'payne_frow' },
  source: { vi: 'payne_frow', en: 'payne_frow' },
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
              id: 'payne_frow.outline.1',
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
