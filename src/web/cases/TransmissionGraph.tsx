import { useCallback, useMemo } from 'react';
import { use, type ECElementEvent } from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { GraphResponse } from '../../shared/api/cases.js';
import EChart from '../components/EChart';
import { buildGraphOption } from './graphModel';
import { levelLabel } from './levels';

// Only what the graph draws: the whole of ECharts would be several times larger.
use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

const FRAME = { border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' };

/** The force-laid graph; a click on a node opens the case (for a case) or the person. */
export default function TransmissionGraph({ data, height = 640 }: { data: GraphResponse; height?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const { byId, option } = useMemo(() => {
    const byId = new Map(data.nodes.map((n) => [String(n.personId), n]));
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
    return { byId, option };
  }, [data, t]);

  const onClick = useCallback(
    (p: ECElementEvent) => {
      if (p.dataType !== 'node') return;
      const n = byId.get((p.data as { id: string }).id);
      // People outside the reader's jurisdiction are drawn but cannot be opened.
      if (!n || n.label === null) return;
      navigate(n.caseId !== null ? `/cases/${n.caseId}` : `/people/${n.personId}`);
    },
    [byId, navigate],
  );

  return (
    <EChart
      option={option}
      label={t('casesUi.graph.canvasLabel', { nodes: data.nodes.length, edges: data.edges.length })}
      data-testid="graph-canvas"
      data-nodes={data.nodes.length}
      data-edges={data.edges.length}
      height={height}
      style={FRAME}
      onClick={onClick}
    />
  );
}
