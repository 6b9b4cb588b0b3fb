import { useEffect, useRef } from 'react';
import { init, type ECharts, type EChartsCoreOption } from 'echarts/core';

type DataAttributes = { [name: `data-${string}`]: string | number };

/**
 * One ECharts canvas that follows its box's size and redraws when the option changes; the label
 * says in words what it shows for screen readers. The caller registers (`use`) the chart types it
 * draws, so each page's bundle carries only those.
 */
export default function EChart({ option, label, height, ...data }: { option: EChartsCoreOption; label: string; height: number } & DataAttributes) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = ref.current!;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} {...data} style={{ width: '100%', height }} />;
}
