import { inLanguage } from './language.interceptor';

describe('inLanguage', () => {
  const body = {
    id: 'a1',
    message: { zh: '车辆驶出许可区域', en: 'Vehicle outside its permitted zones' },
    results: [{ explanation: { zh: '通过', en: 'passes' }, evidence: { zh: 1, en: 2 } }],
    at: new Date(0),
    note: null,
  };

  it('turns every Chinese/English text into the chosen language and leaves other values alone', () => {
    expect(inLanguage(body, 'en')).toEqual({
      id: 'a1',
      message: 'Vehicle outside its permitted zones',
      results: [{ explanation: 'passes', evidence: { zh: 1, en: 2 } }],
      at: new Date(0),
      note: null,
    });
    expect((inLanguage(body, 'zh') as { message: string }).message).toBe('车辆驶出许可区域');
  });

  it('reads entities (class instances) like plain objects', () => {
    class Alert {
      constructor(readonly message = { zh: '离线', en: 'offline' }) {}
    }
    expect(inLanguage([new Alert()], 'en')).toEqual([{ message: 'offline' }]);
  });

  it('keeps objects that only look bilingual: extra keys or non-text values', () => {
    const extra = { zh: 'a', en: 'b', fr: 'c' };
    expect(inLanguage(extra, 'en')).toEqual(extra);
  });
});
