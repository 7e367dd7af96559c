/**
 * A small horizontal bar chart drawn on the server as SVG: no client chart library, nothing
 * to run in the browser. It is one image to assistive technology (role="img", named by its
 * title and described by its desc); the page puts the same figures in a table beside it,
 * which is the accessible alternative. A row without a value (too few decisions) is drawn
 * as a label with its text and no bar.
 */
export interface BarChartRow {
  label: string;
  /** Null: nothing to draw (the text says why). */
  value: number | null;
  /** What is written after the bar: the value as the page's language writes it. */
  text: string;
}

const WIDTH = 400;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + 12;
const TEXT_ROOM = 110;

export function BarChart({ id, title, description, rows }: { id: string; title: string; description: string; rows: readonly BarChartRow[] }) {
  const max = Math.max(1, ...rows.map((row) => row.value ?? 0));
  const height = rows.length * ROW_HEIGHT + 4;
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {rows.map((row, index) => {
        const top = index * ROW_HEIGHT;
        const barWidth = row.value === null ? 0 : Math.max(2, Math.round(((WIDTH - TEXT_ROOM) * row.value) / max));
        return (
          <g key={index} aria-hidden="true">
            <text x={0} y={top + 14} className="bar-chart__label">
              {row.label}
            </text>
            {row.value !== null ? <rect x={0} y={top + LABEL_HEIGHT} width={barWidth} height={BAR_HEIGHT} className="bar-chart__bar" /> : null}
            <text x={barWidth + 6} y={top + LABEL_HEIGHT + 13} className="bar-chart__value">
              {row.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
