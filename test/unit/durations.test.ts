import { parseDuration } from '../../common/durations';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['10m', 600_000],
    ['2d', 172_800_000],
    ['1m30s', 90_000],
    [' 5s ', 5_000],
  ])('reads %p as %p milliseconds', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['the empty string', ''],
    ['a zero duration', '0s'],
    ['an unknown unit', '1x'],
    ['a negative duration', '-5s'],
    ['a number without unit', '10'],
    ['a fraction', '1.5h'],
    ['a unit without number', 'h'],
    ['words around it', 'about 5s'],
  ])('rejects %s', (_name, text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('rejects a duration too large to count exactly in milliseconds', () => {
    expect(parseDuration('999999999999999999d')).toBeUndefined();
  });
});
