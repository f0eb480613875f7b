/**
 * Scenario times: an ISO datetime with offset (`2026-11-21T09:00:00Z`) or an offset from the
 * dispute's filing time (`+26h`, `+90m`, `+1d12h`, `+30s`).
 */
import { z } from 'zod';

const OFFSET = /^\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000] as const;

/** `"+26h"` or an ISO datetime with offset; resolved against `openedAt` by `resolveTime`. */
export const ScenarioTimeSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.string().regex(OFFSET, 'an offset such as "+26h", "+90m", "+1d12h"').refine((s) => s !== '+', 'an empty offset'),
], { error: 'an ISO datetime with offset ("2026-11-21T09:00:00Z") or an offset from openedAt ("+26h", "+90m", "+1d12h")' });

/** Epoch ms of a scenario time: `resolveTime('+26h', t0) === t0 + 26 * 3_600_000`. */
export function resolveTime(s: string, openedAt: number): number {
  const m = OFFSET.exec(s);
  if (!m) return Date.parse(s);
  return openedAt + UNIT_MS.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

/** `+13h`, `+13h30m`, `-2h`, `+0h`: hours (and leftover minutes/seconds) from `openedAt`. */
export function formatOffset(at: number, openedAt: number): string {
  const d = at - openedAt;
  const sign = d < 0 ? '-' : '+';
  const abs = Math.abs(d);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const ms = abs % 1000;
  return `${sign}${h}h${m ? `${m}m` : ''}${s ? `${s}s` : ''}${ms ? `${ms}ms` : ''}`;
}

/** Hours as the policy writes them: `24`, `1.5`. */
export const hoursOf = (ms: number): number => Math.round((ms / 3_600_000) * 100) / 100;
