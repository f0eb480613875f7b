/**
 * sharp, loaded on first use. Importing it (libvips and its dependencies) costs 140-155 ms of a
 * fresh process's main thread (3 runs on 2 cores), and a video check uses none of it: a
 * `dispute check` of a packing video no longer pays for it.
 */
import type sharpFn from 'sharp';

let loading: Promise<typeof sharpFn> | undefined;

/** `const sharp = await loadSharp()`: the module's default export, imported once. */
export function loadSharp(): Promise<typeof sharpFn> {
  return (loading ??= import('sharp').then((m) => m.default));
}
