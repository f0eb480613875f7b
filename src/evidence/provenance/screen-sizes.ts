/**
 * Exact pixel sizes of phone and desktop screens. A photo of exactly one of these, with no
 * camera metadata, is most likely a screenshot (cameras shoot 4:3 sensors: 4032×3024, 4000×3000…).
 */
const SIZES: Array<[number, number]> = [
  // iPhone
  [640, 1136], [750, 1334], [828, 1792], [1080, 1920], [1125, 2436], [1170, 2532], [1179, 2556], [1242, 2208],
  [1242, 2688], [1284, 2778], [1290, 2796], [1206, 2622], [1320, 2868],
  // Android (common)
  [720, 1280], [720, 1600], [1080, 2160], [1080, 2220], [1080, 2280], [1080, 2340], [1080, 2400], [1440, 2560],
  [1440, 2960], [1440, 3040], [1440, 3120], [1440, 3200],
  // desktop
  [1366, 768], [1280, 800], [1440, 900], [1536, 864], [1600, 900], [1680, 1050], [1920, 1200],
  [2560, 1440], [2560, 1600], [2880, 1800], [3024, 1964], [3456, 2234], [3840, 2160],
];

/**
 * Phone browsers' CSS viewports: a web page rendered (or captured by a headless browser) at
 * one of these times a device pixel ratio of 1, 2 or 3. 390×844: iPhone 12–14; 393×852,
 * 430×932: iPhone 14 Pro–16; 375×667/812, 414×896, 428×926: older iPhones; 360×800, 412×915:
 * common Android.
 */
const CSS_VIEWPORTS: Array<[number, number]> = [
  [375, 667], [375, 812], [390, 844], [393, 852], [414, 896], [428, 926], [430, 932], [360, 800], [412, 915],
];
const DEVICE_PIXEL_RATIOS = [1, 2, 3];

const ALL_SIZES: Array<[number, number]> = [
  ...SIZES,
  ...CSS_VIEWPORTS.flatMap(([w, h]) => DEVICE_PIXEL_RATIOS.map((r): [number, number] => [w * r, h * r])),
];

/** True when width×height is a known screen size (or a phone viewport at 1–3×) in either orientation. */
export function isScreenSize(width: number, height: number): boolean {
  return ALL_SIZES.some(([a, b]) => (a === width && b === height) || (a === height && b === width));
}
