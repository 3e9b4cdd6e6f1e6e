/** Unit categories: the eleven items of Article 7, Article 8 residential areas, and others. */
export const UNIT_CATEGORIES = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  'residential',
  'other',
] as const;
