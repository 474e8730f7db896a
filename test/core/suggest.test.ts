import { closestName, didYouMean } from '../../src/core/suggest';

describe('did you mean', () => {
  test('finds the name a typo meant: a swap, a missing, an extra or a wrong letter, whatever the case', () => {
    // GIVEN the names of an app's services
    const names = ['basket', 'catalog', 'ordering', 'identity'];
    // THEN each kind of typo finds its name
    expect(closestName('catalgo', names)).toBe('catalog');
    expect(closestName('catalg', names)).toBe('catalog');
    expect(closestName('catalogue', names)).toBe('catalog');
    expect(closestName('Basket', names)).toBe('basket');
    expect(closestName('orderng', names)).toBe('ordering');
  });

  test('suggests nothing for a name that is not close, or that exists', () => {
    expect(closestName('payment', ['basket', 'catalog'])).toBeUndefined();
    expect(closestName('db', ['mq'])).toBeUndefined();
    expect(closestName('catalog', ['catalog', 'catalogs'])).toBeUndefined();
    expect(closestName('catalog', [])).toBeUndefined();
  });

  test('prefers the alphabetically first of two names as close, so the message is the same on every run', () => {
    expect(closestName('cat', ['car', 'bat'])).toBe('bat');
  });

  test('phrases the suggestion for a message', () => {
    expect(didYouMean('catalgo', ['catalog'])).toBe(' (did you mean "catalog"?)');
    expect(didYouMean('payment', ['catalog'])).toBe('');
  });
});
