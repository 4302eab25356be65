// Dates as readers see them: each written form and language, relative dates, the role a label gives
// a date, and the order of trust (date-trust.ts) with its one exception (the day beside the headline).
import { describe, expect, it } from 'vitest';
import { shownOverDeclared } from '../../src/extract/date-beside.js';
import { chooseDate as choose } from '../../src/extract/date-pick.js';
import { parseMachineDate } from '../../src/extract/date-machine.js';
import { datesIn, normalDateText, parseDateText } from '../../src/extract/date-text.js';
import { DATE_TRUST, roleBefore } from '../../src/extract/date-trust.js';
import { relativeAge } from '../../src/extract/date-relative.js';
import type { DateCandidate } from '../../src/extract/date-declared.js';
import { NOW, page, run } from './helpers.js';

const day = (text: string) => {
  const p = parseDateText(text);
  return p && `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
};

describe('written dates, by form and language', () => {
  it.each([
    ['en', 'January 22, 2014', '2014-01-22'], ['en', 'Apr 7, 2009', '2009-04-07'], ['en', '3rd of May 2016', '2016-05-03'],
    ['de', '3. August 2015', '2015-08-03'], ['de', '26.02.2020', '2020-02-26'], ['de', '4. 2. 2022', '2022-02-04'], ['de', 'Mai 05, 2019', '2019-05-05'],
    ['fr', '23 mai 2019', '2019-05-23'], ['fr', '1er février 2020', '2020-02-01'],
    ['es', '12 de diciembre de 2019', '2019-12-12'], ['pt', '21 de dezembro de 2018', '2018-12-21'],
    ['it', '14 febbraio 2012', '2012-02-14'], ['cs', '1. listopadu 2021', '2021-11-01'], ['pl', '5 października 2020', '2020-10-05'],
    ['ru', '15 августа 2016', '2016-08-15'], ['zh', '2016年10月14日', '2016-10-14'], ['ja', '2019年6月24日 11時30分', '2019-06-24'],
    ['iso in text', 'last edited 2019-11-10 13:28:18 by', '2019-11-10'], ['dotted year-first', '2019.06.24', '2019-06-24'],
  ])('%s: %s', (_lang, text, want) => {
    expect(day(text)).toBe(want);
  });

  it('reads the time after a day, and finds every date of a text with its place', () => {
    expect(parseDateText('25. November 2021 16:11 Uhr')).toMatchObject({ h: 16, mi: 11, offset: null });
    const found = datesIn(normalDateText('Posted 3. August 2015 · comment 5 May 2016'));
    expect(found.map((f) => f.parts.y)).toEqual([2015, 2016]);
    expect(found[0]!.index).toBeLessThan(found[1]!.index);
    // Numbers that read both ways are marked so; dotted four-digit years are day-first.
    expect(datesIn('04/12/2020')[0]!.swappable).toBe(true);
    expect(datesIn('04.12.2020')[0]!.swappable).toBe(false);
  });

  it.each([
    ['vor 3 Tagen', 3 * 86_400_000], ['2 hours ago', 2 * 3_600_000], ['il y a 5 jours', 5 * 86_400_000],
    ['hace 2 días', 2 * 86_400_000], ['há 4 dias', 4 * 86_400_000], ['3 giorni fa', 3 * 86_400_000],
    ['před 2 dny', 2 * 86_400_000], ['3 dni temu', 3 * 86_400_000], ['3天前', 3 * 86_400_000], ['gestern', 86_400_000], ['today', 0],
  ])('relative: %s', (text, ms) => {
    expect(relativeAge(text)).toBe(ms);
  });

  it('anchors a relative date to the archive capture the address gives, never to the clock', () => {
    const html = page('<title>Ein Bericht</title>', '<h1>Ein Bericht über den Tag</h1><p class="x">vor 3 Tagen</p><p>Text.</p>');
    expect(run(html, 'https://web.archive.org/web/20131110121040/http://www.example.de/bericht').publishedDateTime).toBe('2013-11-07T00:00:00Z');
    expect(run(html, 'https://www.example.de/bericht').publishedDateTime).toBeNull();
  });
});

describe('what labels a date', () => {
  it.each([
    ['Aktualisiert: ', 'updated'], ['Last updated ', 'updated'], ['mis à jour le ', 'updated'], ['ChillerXXL sagt: ', 'comment'],
    ['© ', 'copyright'], ['Founded ', 'event'], ['gültig bis ', 'event'], ['Veröffentlicht am ', 'published'], ['Publié le ', 'published'],
    ['Dennis Steimels | ', 'unlabelled'],
  ])('%s→ %s', (before, role) => {
    expect(roleBefore(normalDateText(before))).toBe(role);
  });

  it('takes the date beside the headline, not the update, the comment or the teaser', () => {
    const body = '<nav>18. März 2020 Anderer Artikel</nav><h1>Achtsam durch die Krise</h1><p>Aktualisiert: 30.12.2020</p>' +
      '<p>Von Anna · 18. März 2020</p><p>Text des Artikels, lang genug.</p><div>Max sagt: 19. März 2020 um 10:00</div>';
    expect(run(page('<title>Achtsam durch die Krise</title>', body), 'https://www.example.com/a').publishedDateTime).toBe('2020-03-18T00:00:00Z');
  });
});

describe('the order of trust', () => {
  const chooseDate = (c: DateCandidate[], m: [], now: number) => choose(c, m, now, shownOverDeclared);
  const cand = (text: string, source: string, rank: number, extra: Partial<DateCandidate> = {}): DateCandidate =>
    ({ parts: parseMachineDate(text)!, source, rank, ...extra });

  it('is one table, declared before shown before the address before relative', () => {
    expect(Object.entries(DATE_TRUST).sort((a, b) => a[1] - b[1]).map(([k]) => k))
      .toEqual(['declared published', 'declared date', 'shown', 'address', 'relative']);
  });

  it('a lower rank wins; the earliest among declared ones; a declared day the headline shows stands', () => {
    const shown = cand('2020-04-02', 'beside headline', 3, { shownDays: [parseMachineDate('2020-04-02')!] });
    expect(chooseDate([cand('2020-04-04', 'url', 4), cand('2020-04-03T10:00:00Z', 'json-ld datePublished', 1), cand('2020-04-02T10:00:00Z', 'article:published_time', 1), shown], [], NOW)?.source)
      .toBe('article:published_time');
  });

  it('the exception: a declared date whose day the headline does not show gives way to the shown one, unless it reads both ways or the address agrees', () => {
    const shownDays = [parseMachineDate('2020-04-11')!];
    const shown = cand('2020-04-11', 'beside headline', 3, { shownDays });
    const declared = cand('2020-04-03T10:35:41Z', 'json-ld datePublished', 1);
    expect(chooseDate([declared, shown], [], NOW)?.source).toBe('beside headline');
    expect(chooseDate([declared, { ...shown, ambiguous: true }], [], NOW)?.source).toBe('json-ld datePublished');
    expect(chooseDate([declared, shown, cand('2020-04-03', 'url', 4)], [], NOW)?.source).toBe('json-ld datePublished');
  });
});
