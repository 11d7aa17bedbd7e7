import type { Framework } from '../framework.ts';

// Being written (issue 19): the framework's areas and practices replace this outline.
export const buttle: Framework = {
  key: 'buttle',
  version: 1,
  name: { vi: 'buttle', en: 'buttle' },
  description: { vi: 'buttle', en: 'buttle' },
  source: { vi: 'buttle', en: 'buttle' },
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
              id: 'buttle.outline.1',
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
