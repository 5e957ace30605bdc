import { describe, expect, it } from 'vitest';
import { formatDays } from '../i18n/format';
import { chartDirectionProps } from './chart-direction';
import { fillsByDay } from './ProducerPage';

describe('charts in the reader’s script and direction', () => {
  it('writes axis ticks and tooltip values in Arabic-Indic digits in Arabic and Kurdish', () => {
    expect(chartDirectionProps('ar').valueFormatter(1234)).toBe('١٬٢٣٤');
    expect(chartDirectionProps('ckb').valueFormatter(12)).toBe('١٢');
    expect(chartDirectionProps('en').valueFormatter(1234)).toBe('1,234');
    // the hospital's days chart writes days as the tables do
    expect(chartDirectionProps('ar', (days) => formatDays('ar', days)).valueFormatter(2.4)).toBe(
      '٢٫٤',
    );
  });

  it('runs the time axis right to left in Arabic and Kurdish, the values on the right', () => {
    for (const language of ['ar', 'ckb'] as const) {
      const props = chartDirectionProps(language);
      expect(props.xAxisProps.reversed).toBe(true);
      expect(props.yAxisProps.orientation).toBe('right');
      expect(props.yAxisProps.tick.transform).toBe('translate(10, 0)');
      expect(props.tooltipProps.wrapperStyle.direction).toBe('rtl');
    }
    const english = chartDirectionProps('en');
    expect(english.xAxisProps.reversed).toBe(false);
    expect(english.yAxisProps.orientation).toBe('left');
    expect(english.tooltipProps.wrapperStyle.direction).toBe('ltr');
  });
});

describe("the plant's fills chart", () => {
  const fills = [
    { day: '2026-12-03', sizeCode: 'J', cylinders: 4 },
    { day: '2026-12-02', sizeCode: 'E', cylinders: 1 },
    { day: '2026-12-03', sizeCode: 'E', cylinders: 2 },
    { day: '2026-12-03', sizeCode: 'J', cylinders: 1 },
  ];

  it('adds up each day and size, oldest day first, days written as the app writes dates', () => {
    expect(fillsByDay(fills, 'en')).toEqual({
      sizes: ['E', 'J'],
      days: [
        { day: '2 Dec 2026', E: 1 },
        { day: '3 Dec 2026', J: 5, E: 2 },
      ],
    });
  });

  it('writes the days in Kurdish months and Arabic-Indic digits in Kurdish', () => {
    expect(fillsByDay(fills, 'ckb').days.map((day) => day.day)).toEqual([
      '٢ کانوونی یەکەم ٢٠٢٦',
      '٣ کانوونی یەکەم ٢٠٢٦',
    ]);
    expect(fillsByDay(fills, 'ar').days[0].day).toMatch(/^[٠-٩]/);
  });
});
