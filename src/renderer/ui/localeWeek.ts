/**
 * The week layout of the person's locale: which day a week starts on and which
 * days are the weekend (so the work-week view hides the right ones). Uses
 * Intl.Locale's week info where the engine has it (Chromium does) and a small
 * region table otherwise, because a wrong first day is the first thing people notice.
 */

export interface LocaleWeek {
  /** 0 = Sunday ... 6 = Saturday, as FullCalendar's firstDay expects. */
  firstDay: number;
  /** Weekend days, 0 = Sunday ... 6 = Saturday. */
  weekend: number[];
}

interface WeekInfo {
  firstDay: number;
  weekend: number[];
}

/** ISO weekday (1 = Monday ... 7 = Sunday) to JS weekday (0 = Sunday). */
const fromIso = (d: number) => d % 7;

const SUNDAY_FIRST = new Set(['US', 'CA', 'MX', 'BR', 'JP', 'KR', 'TW', 'HK', 'MO', 'IL', 'PH', 'IN', 'ZA', 'SA', 'PE', 'CO', 'VE', 'GT', 'HN', 'NI', 'PA', 'PR', 'DO', 'TH', 'ID', 'KE', 'ZW', 'BZ', 'BS', 'JM']);
const SATURDAY_FIRST = new Set(['AF', 'BH', 'DJ', 'DZ', 'EG', 'IQ', 'IR', 'JO', 'KW', 'LY', 'OM', 'QA', 'SD', 'SY']);
const FRI_SAT_WEEKEND = new Set(['BH', 'DZ', 'EG', 'IQ', 'IL', 'JO', 'KW', 'LY', 'OM', 'QA', 'SA', 'SD', 'SY', 'YE']);

export function localeWeek(language: string): LocaleWeek {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    if (info && typeof info.firstDay === 'number' && Array.isArray(info.weekend)) {
      return { firstDay: fromIso(info.firstDay), weekend: info.weekend.map(fromIso) };
    }
    const region = locale.maximize().region ?? '';
    const firstDay = SUNDAY_FIRST.has(region) ? 0 : SATURDAY_FIRST.has(region) ? 6 : 1;
    const weekend = region === 'IR' ? [5] : region === 'AF' ? [4, 5] : FRI_SAT_WEEKEND.has(region) ? [5, 6] : [6, 0];
    return { firstDay, weekend };
  } catch {
    return { firstDay: 1, weekend: [6, 0] };
  }
}
