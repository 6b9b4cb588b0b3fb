import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelColor, levelLabel } from './levels';
import { EXPOSURE_EDGE, STATUS_STYLE, TRANSMISSION_EDGE, type StatusClass } from './graphModel';

const CLASSES: StatusClass[] = ['active', 'suspected', 'recovered', 'died', 'transferred', 'contact'];

function Shape({ cls }: { cls: StatusClass }) {
  const s = STATUS_STYLE[cls];
  const fill = cls === 'contact' ? levelColor(1) : levelColor(0);
  const common = { fill, stroke: s.border, strokeWidth: Math.min(s.borderWidth, 3), strokeDasharray: s.borderType === 'dashed' ? '3 2' : undefined };
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      {s.symbol === 'rect' && <rect x="4" y="4" width="12" height="12" {...common} />}
      {s.symbol === 'triangle' && <polygon points="10,3 17,16 3,16" {...common} />}
      {s.symbol === 'diamond' && <polygon points="10,2 18,10 10,18 2,10" {...common} />}
      {s.symbol === 'circle' && <circle cx="10" cy="10" r={cls === 'contact' ? 5 : 7} {...common} />}
    </svg>
  );
}

function Line({ edge, arrow }: { edge: typeof TRANSMISSION_EDGE | typeof EXPOSURE_EDGE; arrow: boolean }) {
  return (
    <svg width="40" height="12" viewBox="0 0 40 12" aria-hidden="true">
      <line x1="2" y1="6" x2={arrow ? 30 : 38} y2="6" stroke={edge.color} strokeWidth={edge.width} strokeDasharray={edge.type === 'dashed' ? '4 3' : undefined} />
      {arrow && <polygon points="30,1 38,6 30,11" fill={edge.color} />}
    </svg>
  );
}

/** What the colours, shapes and lines of the graph mean. */
export default function GraphLegend({ maxLevel }: { maxLevel: number }) {
  const { t } = useTranslation();
  const item = { display: 'inline-flex', alignItems: 'center', gap: 4 } as const;
  return (
    <div aria-label={t('casesUi.graph.legend')} role="group" style={{ display: 'grid', gap: 6, margin: '12px 0' }}>
      <Space wrap size={12}>
        <Typography.Text strong>{t('casesUi.graph.legendLevels')}</Typography.Text>
        {Array.from({ length: maxLevel + 1 }, (_, l) => (
          <span key={l} style={item}>
            <span style={{ width: 12, height: 12, borderRadius: 6, background: levelColor(l), display: 'inline-block' }} />
            {levelLabel(l)}
          </span>
        ))}
      </Space>
      <Space wrap size={12}>
        <Typography.Text strong>{t('casesUi.graph.legendShapes')}</Typography.Text>
        {CLASSES.map((c) => (
          <span key={c} style={item}>
            <Shape cls={c} />
            {t(`casesUi.graph.class.${c}`)}
          </span>
        ))}
      </Space>
      <Space wrap size={12}>
        <Typography.Text strong>{t('casesUi.graph.legendEdges')}</Typography.Text>
        <span style={item}>
          <Line edge={TRANSMISSION_EDGE} arrow />
          {t('casesUi.graph.transmission')}
        </span>
        <span style={item}>
          <Line edge={EXPOSURE_EDGE} arrow={false} />
          {t('casesUi.graph.exposure')}
        </span>
      </Space>
    </div>
  );
}
