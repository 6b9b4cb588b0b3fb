import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../shared/api/people.js';
import { birthText, docText, scoreText } from './format';

/** Other records that may be the same person, each with why the system thinks so. */
export default function DuplicateCandidates({ rows }: { rows: DuplicateCandidate[] }) {
  const { t } = useTranslation();
  return (
    <Table<DuplicateCandidate>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 760 }}
      columns={[
        { title: t('fields.fullName'), key: 'name', render: (_, r) => <Link to={`/people/${r.other.id}`}>{r.other.fullName}</Link> },
        { title: t('fields.birthDate'), key: 'birth', width: 110, render: (_, r) => birthText(r.other) },
        { title: t('ui.people.document'), key: 'doc', width: 170, render: (_, r) => docText(t, r.other) },
        { title: t('fields.phone'), key: 'phone', width: 120, render: (_, r) => r.other.phone },
        { title: t('fields.communeId'), key: 'commune', width: 150, render: (_, r) => r.other.communeName },
        { title: t('ui.people.score'), dataIndex: 'score', width: 80, render: (s: number) => scoreText(s) },
        {
          title: t('ui.people.reasons'),
          dataIndex: 'reasons',
          render: (reasons: DuplicateCandidate['reasons']) => reasons.map((r) => <Tag key={r}>{t(`people.duplicateReasons.${r}`)}</Tag>),
        },
      ]}
    />
  );
}
