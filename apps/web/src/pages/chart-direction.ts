import { directionOf, type Language } from '../i18n';
import { formatNumber } from '../i18n/format';

/**
 * The props that make a horizontal @mantine/charts chart (BarChart, LineChart) read in the
 * reader's script and direction: the values on the value axis and in the tooltip in the
 * reader's digits, and in Arabic and Kurdish the category (time) axis running right to left
 * with the value axis on the right, so the newest day sits at the reader's end. Recharts does
 * not mirror a chart by itself, and Mantine draws every chart `dir="ltr"`.
 *
 * In a chart laid out `orientation="vertical"` the axes swap roles and the same props put the
 * category names on the right and make the bars grow leftwards from them.
 *
 * Spread it into the chart and override what a chart needs otherwise, e.g. `valueFormatter`.
 */
export function chartDirectionProps(
  language: Language,
  valueFormatter: (value: number) => string = (value) => formatNumber(language, value),
) {
  const direction = directionOf(language);
  const rtl = direction === 'rtl';
  return {
    valueFormatter,
    xAxisProps: { reversed: rtl },
    yAxisProps: {
      orientation: rtl ? ('right' as const) : ('left' as const),
      // Mantine's default tick is pushed 10px left, away from a left axis
      tick: { transform: `translate(${rtl ? 10 : -10}, 0)`, fontSize: 12, fill: 'currentColor' },
    },
    tooltipProps: { wrapperStyle: { direction } },
  };
}
