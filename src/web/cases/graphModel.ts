// The transmission graph as an ECharts option: pure data work, kept apart from the chart so the
// rules (colour by level, shape by status, transmission drawn apart from exposure) are testable.
import type { GraphSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { CaseStatus, GraphResponse } from '../../shared/api/cases.js';
import { levelColor, levelLabel } from './levels';

export type GraphOption = {
  series: GraphSeriesOption[];
  legend: LegendComponentOption[];
  tooltip: TooltipComponentOption;
  animation: boolean;
};
type Node = GraphResponse['nodes'][number];
type Edge = GraphResponse['edges'][number];
export type StatusClass = 'contact' | 'suspected' | 'active' | 'recovered' | 'died' | 'transferred' | 'ruled_out';

export function statusClass(status: CaseStatus | null): StatusClass {
  if (status === null) return 'contact';
  if (status === 'confirmed' || status === 'isolating' || status === 'in_treatment' || status === 're_positive') return 'active';
  return status;
}

/** Shape, size and border per kind of node; a case stands out from its contacts, its outcome shows in its shape. */
export const STATUS_STYLE: Record<StatusClass, { symbol: string; size: number; border: string; borderWidth: number; borderType?: 'dashed' }> = {
  contact: { symbol: 'circle', size: 9, border: '#ffffff', borderWidth: 1 },
  suspected: { symbol: 'triangle', size: 15, border: '#ad6800', borderWidth: 2 },
  active: { symbol: 'circle', size: 20, border: '#5c0011', borderWidth: 3 },
  recovered: { symbol: 'circle', size: 18, border: '#389e0d', borderWidth: 4 },
  died: { symbol: 'rect', size: 15, border: '#000000', borderWidth: 3 },
  transferred: { symbol: 'diamond', size: 18, border: '#1d39c4', borderWidth: 3 },
  ruled_out: { symbol: 'circle', size: 12, border: '#8c8c8c', borderWidth: 2, borderType: 'dashed' },
};

export const TRANSMISSION_EDGE = { color: '#a8071a', width: 2.5, type: 'solid' as const };
export const EXPOSURE_EDGE = { color: '#8c8c8c', width: 1, type: 'dashed' as const };

export interface GraphText {
  outside: string;
  /** tooltip lines: the name/level/case/status of a node, the setting and kind of an edge */
  nodeTooltip: (n: Node) => string;
  edgeTooltip: (e: Edge) => string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function buildGraphOption(data: GraphResponse, text: GraphText): GraphOption {
  const maxLevel = data.nodes.reduce((m, n) => Math.max(m, n.level), 0);
  const categories = Array.from({ length: maxLevel + 1 }, (_, level) => ({ name: levelLabel(level), itemStyle: { color: levelColor(level) } }));
  const big = data.nodes.length > 300;
  // A handful of people would otherwise huddle in the middle of a large canvas.
  const small = data.nodes.length < 40;
  const nodes = data.nodes.map((n) => {
    const style = STATUS_STYLE[statusClass(n.caseStatus)];
    const isCase = n.caseId !== null;
    return {
      id: String(n.personId),
      name: isCase ? (n.caseCode ?? n.label ?? text.outside) : (n.label ?? text.outside),
      category: Math.min(n.level, maxLevel),
      symbol: style.symbol,
      symbolSize: style.size,
      // Cases are drawn above their contacts and pushed apart more, so chains read from case to case.
      value: isCase ? 3 : 1,
      itemStyle: { borderColor: style.border, borderWidth: style.borderWidth, borderType: style.borderType },
      label: { show: isCase },
      tooltip: { formatter: escape(text.nodeTooltip(n)).replace(/\n/g, '<br/>') },
      z: isCase ? 3 : 2,
    };
  });
  const ids = new Set(nodes.map((n) => n.id));
  const links = data.edges
    .filter((e) => ids.has(String(e.source)) && ids.has(String(e.target)))
    .map((e) => ({
      source: String(e.source),
      target: String(e.target),
      symbol: e.transmission ? ['none', 'arrow'] : ['none', 'none'],
      symbolSize: 8,
      lineStyle: { ...(e.transmission ? TRANSMISSION_EDGE : EXPOSURE_EDGE), opacity: e.transmission ? 0.95 : 0.55 },
      // Transmission edges pull harder: the chain of cases forms the backbone of the layout.
      value: e.transmission ? 3 : 1,
      tooltip: { formatter: escape(text.edgeTooltip(e)).replace(/\n/g, '<br/>') },
    }));
  return {
    animation: !big,
    tooltip: { trigger: 'item', confine: true },
    legend: [{ data: categories.map((c) => c.name), top: 8, left: 8, orient: 'horizontal', selectedMode: 'multiple' }],
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: !big,
        categories,
        data: nodes,
        links,
        label: { position: 'right', fontSize: 11, color: '#262626', formatter: '{b}' },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
        force: small
          ? { repulsion: [120, 320], edgeLength: [140, 60], gravity: 0.05, friction: 0.3, layoutAnimation: true }
          : { repulsion: big ? [30, 90] : [60, 160], edgeLength: [70, 25], gravity: big ? 0.12 : 0.08, friction: 0.3, layoutAnimation: true },
        // The force layout spreads beyond the canvas as the graph grows; start zoomed out so all of it shows.
        zoom: data.nodes.length > 200 ? 0.55 : data.nodes.length > 80 ? 0.8 : 1,
        scaleLimit: { min: 0.2, max: 6 },
        top: 48,
      },
    ],
  };
}
