import { useEffect, useRef, type CSSProperties } from 'react';
import { init, type ECElementEvent, type ECharts, type EChartsCoreOption } from 'echarts/core';

type DataAttributes = { [name: `data-${string}`]: string | number };

/**
 * One ECharts canvas that follows its box's size and redraws when the option changes; the label
 * says in words what it shows for screen readers. The caller registers (`use`) the chart types it
 * draws, so each page's bundle carries only those. `onClick` is for charts whose items open
 * something (the transmission graph's nodes); `style` adds to the box's width and height.
 */
export default function EChart({
  option,
  label,
  height,
  onClick,
  style,
  ...data
}: { option: EChartsCoreOption; label: string; height: number; onClick?: (e: ECElementEvent) => void; style?: CSSProperties } & DataAttributes) {
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

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    c.on('click', onClick);
    return () => {
      c.off('click', onClick);
    };
  }, [onClick]);

  return <div ref={ref} role="img" aria-label={label} {...data} style={{ width: '100%', height, ...style }} />;
}
