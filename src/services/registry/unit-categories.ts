/**
 * The categories a unit is registered under: the eleven items of Art. 7 para. 1, the
 * residential buildings and areas of Art. 8 para. 1, and everything else.
 */
export const UNIT_CATEGORIES = [
  '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'residential', 'other',
] as const;

/** One unit category. */
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

/** A category's names, in English and in Chinese, for lists, reports and the console. */
export interface CategoryLabel {
  en: string;
  zh: string;
  /** Where the regulation names the category. */
  article: string;
}

/** The names of every category. */
export const CATEGORY_LABELS: Readonly<Record<UnitCategory, CategoryLabel>> = {
  '1': {
    en: 'Guns, ammunition and civilian explosives warehouses',
    zh: '枪支弹药、民用爆炸物品仓库',
    article: 'Art. 7 (1)',
  },
  '2': {
    en: 'Production, use and storage of inflammable, explosive, highly toxic, pathogenic, ' +
      'controlled or radioactive dangerous goods',
    zh: '易燃易爆、剧毒、病原体、管制药品、放射性物质等危险物品的生产、使用、储存场所和部位',
    article: 'Art. 7 (2)',
  },
  '3': {
    en: 'Storage and processing of classified documents, archives and drawings; important bills',
    zh: '秘密级以上文件、档案、图纸、资料的储存处理场所及重要票据、账册集中存放场所',
    article: 'Art. 7 (3)',
  },
  '4': {
    en: 'Production, storage and trade of gold, jewellery, currency and securities',
    zh: '金银珠宝、货币、有价证券的生产、储存、交易场所和部位',
    article: 'Art. 7 (4)',
  },
  '5': {
    en: 'Museums, exhibition halls, cultural relics shops and protected cultural relics sites',
    zh: '博物馆、展览馆、文物商店、重点文物保护单位等陈列收藏重要文物的场所和部位',
    article: 'Art. 7 (5)',
  },
  '6': {
    en: 'Government organs, press and publication, radio and television, telecoms, postal services',
    zh: '机关、新闻出版、广播电视、电信、邮政等单位',
    article: 'Art. 7 (6)',
  },
  '7': {
    en: 'National key research institutions, defence research and production, key construction',
    zh: '国家重点科研机构和国防科研、试验、生产单位及国家重点建设工程',
    article: 'Art. 7 (7)',
  },
  '8': {
    en: 'Power, water, gas, oil and central heating supply systems',
    zh: '供电、供水、供气、供油、集中供热等重要动力能源系统',
    article: 'Art. 7 (8)',
  },
  '9': {
    en: 'Airports, long-distance bus stations, railway stations and docks',
    zh: '机场、长途汽车站、火车站、码头的出入口、主要通道等部位',
    article: 'Art. 7 (9)',
  },
  '10': {
    en: 'Culture, entertainment and sports venues, large shops, hotels, hospitals, schools',
    zh: '文化娱乐体育活动场所、大型商场、超市、宾馆、医院、学校、幼儿园的出入口、主要通道等部位',
    article: 'Art. 7 (10)',
  },
  '11': {
    en: 'Main streets, checkpoints, major intersections, crossings, car parks and squares',
    zh: '城市主要街道、治安卡口、主要交通路口、人行过街通道（天桥）、城际出入口、停车场、广场和人员聚集场所',
    article: 'Art. 7 (11)',
  },
  residential: {
    en: 'Residential buildings and residential areas',
    zh: '住宅楼、住宅小区',
    article: 'Art. 8 para. 1',
  },
  other: { en: 'Other units', zh: '其他单位', article: '' },
};

/** True when the text names a unit category. */
export function isUnitCategory(text: string): text is UnitCategory {
  return (UNIT_CATEGORIES as readonly string[]).includes(text);
}

/** "Art. 7 (4) Production, storage ... / 金银珠宝..." style label for one category. */
export function categoryLabel(category: string): string {
  const label = isUnitCategory(category) ? CATEGORY_LABELS[category] : undefined;
  return label ? `${label.en} / ${label.zh}` : category;
}
