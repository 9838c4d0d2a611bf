import { type Setting } from './types';

/**
 * A typed handle on a pack setting. Settings are stored as `Setting<unknown>` so that one pack can
 * override another's value by key; the guard turns the stored value back into `T` when a rule reads it,
 * so a mistyped override fails loudly instead of comparing a string with a number.
 */
export interface SettingKey<T> {
  readonly key: string;
  /** Names the expected shape in error messages. */
  readonly expected: string;
  readonly isValue: (value: unknown) => value is T;
}

/** A value a rule read, with whether it is a default awaiting the official text (results list those keys). */
export interface SettingValue<T> {
  readonly key: string;
  readonly value: T;
  readonly isDefault: boolean;
}

/** What a rule sees of its pack's settings: the merged values of every layer. */
export interface SettingsReader {
  read<T>(key: SettingKey<T>): SettingValue<T>;
}

/** A daily time window in local time, e.g. the Beijing morning peak 07:00–09:00. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** Daily windows in one IANA time zone (supervision settings such as the Beijing peak hours). */
export interface DailyWindows {
  timeZone: string;
  windows: TimeWindow[];
}

/** Thrown when a pack is assembled wrongly (missing setting, wrong type, unknown override): a bug in a pack. */
export class RulePackError extends Error {
  override readonly name = 'RulePackError';
}

export const numberSetting = (key: string): SettingKey<number> => ({
  key,
  expected: 'a finite number',
  isValue: (value): value is number => typeof value === 'number' && Number.isFinite(value),
});

export const stringSetting = (key: string): SettingKey<string> => ({
  key,
  expected: 'a string',
  isValue: (value): value is string => typeof value === 'string',
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const dailyWindowsSetting = (key: string): SettingKey<DailyWindows> => ({
  key,
  expected: 'daily windows { timeZone, windows: [{ from: "HH:MM", to: "HH:MM" }] }',
  isValue: (value): value is DailyWindows => {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as Partial<DailyWindows>;
    return (
      typeof candidate.timeZone === 'string' &&
      Array.isArray(candidate.windows) &&
      candidate.windows.every((w: Partial<TimeWindow>) => HH_MM.test(w.from ?? '') && HH_MM.test(w.to ?? ''))
    );
  },
});

/** Reads merged settings; `owner` names the pack in error messages. */
export function settingsReader(settings: Readonly<Record<string, Setting<unknown>>>, owner: string): SettingsReader {
  return {
    read<T>(handle: SettingKey<T>): SettingValue<T> {
      const setting = settings[handle.key];
      if (setting === undefined) throw new RulePackError(`${owner}: setting ${handle.key} is not defined`);
      if (!handle.isValue(setting.value)) {
        throw new RulePackError(`${owner}: setting ${handle.key} must be ${handle.expected}`);
      }
      return { key: handle.key, value: setting.value, isDefault: setting.isDefault };
    },
  };
}
