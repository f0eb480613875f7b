/**
 * Import and transfer software: it copies photos off a camera or phone and may rewrite EXIF
 * Software and ModifyDate on the way (days after capture), but it does not edit the picture.
 * An ALLOWLIST: one of these names explains a late ModifyDate; it never outweighs an editor's
 * name (editors.ts is checked first), a screenshot marker or a size mismatch.
 */
interface ImportTool {
  name: string;
  pattern: RegExp;
  why: string;
}

const IMPORT_TOOLS: ImportTool[] = [
  // Canon
  { name: 'Canon EOS Utility', pattern: /eos utility/i, why: 'Canon\'s tethering/transfer app; copies files from EOS bodies over USB or Wi-Fi' },
  { name: 'Canon Image Transfer Utility', pattern: /image transfer utility/i, why: 'Canon\'s automatic Wi-Fi transfer to a computer; no editing tools' },
  { name: 'Canon Camera Connect', pattern: /camera connect/i, why: 'Canon\'s phone app that pulls photos from the camera over Wi-Fi/Bluetooth' },
  { name: 'Canon ZoomBrowser / ImageBrowser', pattern: /(zoom|image) ?browser/i, why: 'Canon\'s older downloader bundled with PowerShots (the transfer part writes its name)' },
  // Nikon
  { name: 'Nikon Transfer', pattern: /nikon transfer/i, why: 'Nikon\'s downloader: copies and renames files, may add IPTC, no pixel edits' },
  { name: 'Nikon SnapBridge', pattern: /snapbridge/i, why: 'Nikon\'s phone app that copies photos from the camera over Bluetooth/Wi-Fi' },
  { name: 'Nikon Wireless Transmitter Utility', pattern: /wireless transmitter utility/i, why: 'Nikon\'s Wi-Fi/FTP transfer to a computer' },
  // Sony
  { name: 'Sony Imaging Edge', pattern: /imaging edge(?! *edit)/i, why: 'Sony\'s transfer/remote apps (Imaging Edge Mobile, Desktop "Remote"/"Viewer"); its "Edit" module is not on this list' },
  { name: 'Sony PlayMemories Home', pattern: /playmemories/i, why: 'Sony\'s importer and library for its cameras' },
  // Fujifilm
  { name: 'Fujifilm X Acquire', pattern: /x acquire/i, why: 'Fujifilm\'s tether/backup app: copies files and camera settings' },
  { name: 'Fujifilm Camera Remote', pattern: /camera remote/i, why: 'Fujifilm\'s phone app that copies photos from the camera' },
  { name: 'Fujifilm XApp', pattern: /\bxapp\b/i, why: 'Fujifilm\'s successor to Camera Remote, same transfer role' },
  // Others
  { name: 'Olympus/OM Image Share', pattern: /o\.?i\.? ?share|(olympus|om) image share/i, why: 'Olympus/OM System\'s phone transfer app' },
  { name: 'Panasonic Image App', pattern: /lumix sync|panasonic image app/i, why: 'Panasonic\'s phone transfer app' },
  // Operating systems
  { name: 'Apple Photos import', pattern: /^photos\b|apple photos/i, why: 'macOS/iOS Photos imports from cameras; the name alone does not tell an import from an edit, so an editor named in XMP history still wins' },
  { name: 'Apple Image Capture', pattern: /image capture/i, why: 'macOS\'s plain camera downloader, no editing' },
  { name: 'Windows Photos import', pattern: /(microsoft|windows) photos?( app| import)?|photos import/i, why: 'Windows\' "Import from a USB device" copies the files; its name is what it leaves' },
  { name: 'Windows Photo Gallery import', pattern: /windows (live )?photo gallery/i, why: 'the older Windows importer; rewrites ModifyDate when it adds tags' },
];

/** The import tool named in `value`, if any: `importToolIn('EOS Utility 3.16')` → `'Canon EOS Utility'`. */
export function importToolIn(value: string | undefined): string | undefined {
  return value ? IMPORT_TOOLS.find((t) => t.pattern.test(value))?.name : undefined;
}
