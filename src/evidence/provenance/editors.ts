/**
 * Software that edits pictures or videos. A BLOCKLIST on purpose: phones and cameras write
 * their firmware into EXIF Software ("iOS 17.4", "G998BXXU…", "Ver.1.00"), so "Software is
 * present" proves nothing; one of these names does.
 */
const EDITORS = [
  'photoshop', 'lightroom', 'adobe camera raw', 'gimp', 'acdsee', 'snapseed', 'meitu', 'picsart', 'pixelmator',
  'affinity photo', 'paint.net', 'paintshop', 'corel', 'canva', 'facetune', 'photoscape', 'luminar', 'capture one',
  'darktable', 'rawtherapee', 'vsco', 'polarr', 'fotor', 'befunky', 'photodirector', 'picmonkey', 'photopea',
  'photo editor', 'beautycam', 'b612', 'faceapp', 'remini', 'lensa',
  // video editors
  'premiere', 'after effects', 'final cut', 'imovie', 'capcut', 'inshot', 'kinemaster', 'davinci',
  'filmora', 'vegas', 'clipchamp', 'powerdirector', 'vllo', 'splice', 'videoleap', 'lumafusion',
];
const EDITOR_RE = new RegExp(`(${EDITORS.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i');

/** The editor named in `value`, if any: `editorIn('Adobe Photoshop 25.0 (Windows)')` → `'Photoshop'`. */
export function editorIn(value: string | undefined): string | undefined {
  return value?.match(EDITOR_RE)?.[1];
}
