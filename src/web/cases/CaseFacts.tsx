import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../shared/api/cases.js';
import { formatDate } from '../../shared/vn/dates.js';

/** From when the case could infect others, and until when (open while not recovered). */
export function InfectiousWindow({ c }: { c: Pick<CaseView, 'infectiousFrom' | 'infectiousUntil'> }) {
  const { t } = useTranslation();
  if (!c.infectiousFrom) return <>—</>;
  return (
    <>
      {formatDate(c.infectiousFrom)}
      {' – '}
      {c.infectiousUntil ? formatDate(c.infectiousUntil) : <Typography.Text type="danger">{t('casesUi.fields.stillOpen')}</Typography.Text>}
    </>
  );
}

/** Who infected the case, "imported", or the warning that nobody knows (a chain is hidden somewhere). */
export function SourceText({ c }: { c: Pick<CaseView, 'sourceCase' | 'sourceKnown' | 'imported' | 'status'> }) {
  const { t } = useTranslation();
  if (c.sourceCase)
    return (
      <Link to={`/cases/${c.sourceCase.id}`}>
        {c.sourceCase.code ?? `#${c.sourceCase.id}`}
        {c.sourceCase.personName ? ` · ${c.sourceCase.personName}` : ''}
      </Link>
    );
  if (c.imported) return <Tag color="blue">{t('casesUi.fields.imported')}</Tag>;
  if (!c.sourceKnown && c.status !== 'suspected' && c.status !== 'ruled_out') return <Tag color="red">{t('casesUi.fields.unknownSource')}</Tag>;
  return <>—</>;
}
