import { useEffect, useRef } from 'react';
import { init, use, type ECharts } from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { GraphResponse } from '../../shared/api/cases.js';
import { buildGraphOption } from './graphModel';
import { levelLabel } from './levels';

// Only what the graph draws: the whole of ECharts would be several times larger.
use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

type Node = GraphResponse['nodes'][number];

/** The force-laid graph; a click on a node opens the case (for a case) or the person. */
export default function TransmissionGraph({ data, height = 640 }: { data: GraphResponse; height?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const nodesById = useRef(new Map<string, Node>());

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
    const c = chart.current;
    if (!c) return;
    const byId = new Map(data.nodes.map((n) => [String(n.personId), n]));
    nodesById.current = byId;
    const name = (id: number) => byId.get(String(id))?.label ?? t('casesUi.common.outside');
    const option = buildGraphOption(data, {
      outside: t('casesUi.common.outside'),
      nodeTooltip: (n) =>
        [
          `${n.label ?? t('casesUi.common.outside')} · ${levelLabel(n.level)}`,
          n.caseId !== null ? `${n.caseCode ?? t('casesUi.common.suspectedCase', { id: n.caseId })} · ${n.caseStatus ? t(`cases.status.${n.caseStatus}`) : ''}` : null,
          n.label !== null ? t(n.caseId !== null ? 'casesUi.graph.clickCase' : 'casesUi.graph.clickPerson') : null,
        ]
          .filter(Boolean)
          .join('\n'),
      edgeTooltip: (e) =>
        [`${name(e.source)} → ${name(e.target)}`, `${t(e.transmission ? 'casesUi.graph.transmission' : 'casesUi.graph.exposure')} · ${t(`cases.setting.${e.setting}`)}`].join('\n'),
    });
    c.setOption(option, { notMerge: true });
  }, [data, t]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const onClick = (p: { dataType?: string; data?: unknown }) => {
      if (p.dataType !== 'node') return;
      const n = nodesById.current.get((p.data as { id: string }).id);
      // People outside the reader's jurisdiction are drawn but cannot be opened.
      if (!n || n.label === null) return;
      navigate(n.caseId !== null ? `/cases/${n.caseId}` : `/people/${n.personId}`);
    };
    c.on('click', onClick);
    return () => {
      c.off('click', onClick);
    };
  }, [navigate]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={t('casesUi.graph.canvasLabel', { nodes: data.nodes.length, edges: data.edges.length })}
      data-testid="graph-canvas"
      data-nodes={data.nodes.length}
      data-edges={data.edges.length}
      style={{ width: '100%', height, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }}
    />
  );
}
