import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Input, Result, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustodyBody } from '../../shared/api/testing.js';
import type { CustodyItem, CustodyItemDetail, CustodyItemsResponse } from '../../shared/api/testing-custody.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { testRow } from '../cases/domProps';
import { ScanButton } from './CodeScanner';
import CustodyHistory from './CustodyHistory';
import { addToBatch, spacedCode } from './model';
import { TESTING_KEY, useLabs } from './queries';
import { ResultTag, StateTag } from './tags';
import TestingTabs from './TestingTabs';

type Move = 'sent' | 'received';
const BEFORE: Record<Move, 'collected' | 'sent'> = { sent: 'collected', received: 'sent' };

/** Sample takers send tubes to a lab; lab staff receive them. Both see each tube's history. */
export default function CustodyPage() {
  const { t } = useTranslation();
  const can = useCan();
  const moves: Move[] = [...(can('testing.sample') ? (['sent'] as const) : []), ...(can('testing.lab') ? (['received'] as const) : [])];
  const [chosen, setChosen] = useState<Move | null>(null);
  // The route admits every signed-in role; the page is for those who handle tubes.
  if (moves.length === 0) return <Result status="403" title={t('errors.forbidden')} />;
  const move = chosen && moves.includes(chosen) ? chosen : moves[0];
  return (
    <>
      <PageTitle
        extra={
          moves.length > 1 && (
            <Segmented<Move>
              value={move}
              onChange={setChosen}
              data-testid="custody-mode"
              options={moves.map((m) => ({ value: m, label: t(`testingUi.custody.mode.${m}`) }))}
            />
          )
        }
      >
        {t('testingUi.custody.title')}
      </PageTitle>
      <TestingTabs />
      <Batch key={move} move={move} />
    </>
  );
}

function Batch({ move }: { move: Move }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labs = useLabs();
  const [labId, setLabId] = useState<number | undefined>();
  const [codes, setCodes] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [at, setAt] = useState<Dayjs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ samples: number; pools: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const waiting = useQuery({
    queryKey: [...TESTING_KEY, 'custody', 'waiting', move, move === 'received' ? (labId ?? null) : null],
    queryFn: () => api.get<CustodyItemsResponse>('/testing/custody', { state: BEFORE[move], labId: move === 'received' ? labId : undefined, limit: 200 }),
  });
  const details = useQueries({
    queries: codes.map((code) => ({
      queryKey: [...TESTING_KEY, 'custody', 'item', code],
      queryFn: () => api.get<CustodyItemDetail>(`/testing/custody/${code}`),
      retry: false,
    })),
  });
  const rows = codes.map((code, i) => ({ code, detail: details[i]?.data, error: details[i]?.error }));
  // A pooled sample's code finds its pool, which is what moves.
  const resolved = rows.map((r) => r.detail?.code ?? r.code);
  const ready = rows.length > 0 && rows.every((r) => r.detail && r.detail.state === BEFORE[move]) && (move === 'received' || !!labId);

  function add(raw: string) {
    const r = addToBatch(codes, raw);
    setProblem(r.problem ? t(r.problem === 'invalid' ? 'testing.errors.code_invalid' : 'testingUi.custody.alreadyInBatch') : null);
    if (!r.problem) {
      setCodes(r.codes);
      setDone(null);
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const body: CustodyBody = { codes: [...new Set(resolved)], to: move, labId: labId ?? null, at: at ? at.toISOString() : null };
      setDone(await api.post<{ samples: number; pools: number }>('/testing/custody', body));
      await qc.invalidateQueries({ queryKey: [...TESTING_KEY, 'custody'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const inBatch = new Set(resolved);
  return (
    <Row gutter={16}>
      <Col xs={24} xxl={15}>
        <Card size="small" title={t(`testingUi.custody.batch.${move}`)} style={{ marginBottom: 16 }}>
          <Space wrap align="start" style={{ marginBottom: 12 }}>
            <div data-testid="custody-lab" style={{ width: 300 }}>
              <Select<number>
                aria-label={t('testingUi.fields.lab')}
                placeholder={move === 'sent' ? t('testingUi.custody.pickLab') : t('testingUi.custody.anyLab')}
                allowClear
                value={labId}
                loading={labs.isPending}
                onChange={(v) => setLabId(v ?? undefined)}
                options={(labs.data?.rows ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))}
                style={{ width: '100%' }}
              />
            </div>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="DD/MM/YYYY HH:mm"
              value={at}
              onChange={setAt}
              placeholder={t('testingUi.custody.now')}
              aria-label={t('testingUi.custody.at')}
              data-testid="custody-at"
            />
          </Space>
          <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value.toUpperCase())}
              onPressEnter={() => {
                add(typed);
                setTyped('');
              }}
              placeholder={t('testingUi.custody.codePlaceholder')}
              aria-label={t('testingUi.custody.code')}
              autoComplete="off"
              data-testid="custody-code"
              style={{ fontFamily: 'monospace' }}
            />
            <Button
              onClick={() => {
                add(typed);
                setTyped('');
              }}
              data-testid="custody-add"
            >
              {t('testingUi.custody.add')}
            </Button>
            <ScanButton keepOpen onCode={add} testId="custody-scan" />
          </Space.Compact>
          {problem && (
            <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
              {problem}
            </Typography.Text>
          )}
          <Table<(typeof rows)[number]>
            rowKey="code"
            size="small"
            dataSource={rows}
            pagination={false}
            style={{ marginTop: 12 }}
            scroll={{ x: 930 }}
            aria-label={t(`testingUi.custody.batch.${move}`)}
            locale={{ emptyText: t('testingUi.custody.emptyBatch') }}
            onRow={(r) => testRow('custody-row', { 'data-code': r.detail?.code ?? r.code, 'data-state': r.detail?.state ?? '' })}
            expandable={{
              rowExpandable: (r) => !!r.detail,
              expandedRowRender: (r) => (r.detail ? <CustodyHistory item={r.detail} /> : null),
            }}
            columns={[
              {
                title: t('testingUi.fields.code'),
                key: 'code',
                width: 190,
                render: (_, r) => (
                  <>
                    <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                      {spacedCode(r.detail?.code ?? r.code)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {r.detail && <KindText item={r.detail} />}
                      {r.detail && r.detail.code !== r.code && ` · ${t('testingUi.custody.viaSample', { code: spacedCode(r.code) })}`}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('testingUi.fields.state'),
                key: 'state',
                width: 190,
                render: (_, r) =>
                  r.error ? (
                    <Typography.Text type="danger">{(r.error as Error).message}</Typography.Text>
                  ) : r.detail ? (
                    <Space size={4} wrap>
                      <StateTag state={r.detail.state} />
                      {r.detail.result && <ResultTag result={r.detail.result} />}
                      {r.detail.state !== BEFORE[move] && !done && <Tag color="orange">{t('testingUi.custody.notReady')}</Tag>}
                    </Space>
                  ) : (
                    t('ui.common.loading')
                  ),
              },
              {
                title: t('testingUi.fields.route'),
                key: 'route',
                width: 300,
                render: (_, r) => (r.detail ? [r.detail.site.name, r.detail.lab?.name].filter(Boolean).join(' → ') : ''),
              },
              { title: t('testingUi.fields.lastMove'), key: 'last', width: 150, render: (_, r) => (r.detail ? formatDateTime(r.detail.history.at(-1)?.at ?? r.detail.collectedAt) : '') },
              {
                title: '',
                key: 'remove',
                width: 50,
                render: (_, r) => (
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('testingUi.custody.remove', { code: r.code })} onClick={() => setCodes((c) => c.filter((x) => x !== r.code))} />
                ),
              },
            ]}
          />
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
            {done && (
              <Alert
                type="success"
                showIcon
                role="status"
                data-testid="custody-done"
                title={t(`testingUi.custody.done.${move}`, { samples: done.samples, pools: done.pools })}
                style={{ marginBottom: 12 }}
              />
            )}
            <Space>
              <Button type="primary" disabled={!ready} loading={busy} onClick={submit} data-testid={move === 'sent' ? 'custody-send' : 'custody-receive'}>
                {t(`testingUi.custody.submit.${move}`, { count: inBatch.size })}
              </Button>
              {codes.length > 0 && (
                <Button
                  onClick={() => {
                    setCodes([]);
                    setDone(null);
                    setError(null);
                  }}
                  data-testid="custody-clear"
                >
                  {t('testingUi.custody.newBatch')}
                </Button>
              )}
              {move === 'sent' && !labId && <Typography.Text type="secondary">{t('testingUi.custody.labFirst')}</Typography.Text>}
            </Space>
          </div>
        </Card>
      </Col>
      <Col xs={24} xxl={9}>
        <Waiting move={move} items={waiting.data} error={waiting.error} loading={waiting.isFetching} inBatch={inBatch} onAdd={(items) => items.forEach((i) => !inBatch.has(i.code) && setCodes((c) => (c.includes(i.code) ? c : [...c, i.code])))} />
      </Col>
    </Row>
  );
}

function KindText({ item }: { item: Pick<CustodyItem, 'kind' | 'sampleCount' | 'sizeLimit'> }) {
  const { t } = useTranslation();
  return <>{item.kind === 'pool' ? t('testingUi.custody.poolOf', { count: item.sampleCount }) : t('testingUi.custody.single')}</>;
}

/** The tubes at the step before this one, to add to the batch without scanning. */
function Waiting({ move, items, error, loading, inBatch, onAdd }: { move: Move; items?: CustodyItemsResponse; error: unknown; loading: boolean; inBatch: Set<string>; onAdd: (items: CustodyItem[]) => void }) {
  const { t } = useTranslation();
  const rows = items?.rows ?? [];
  const addable = rows.filter((r) => r.closed && !inBatch.has(r.code));
  return (
    <Card
      size="small"
      title={t(`testingUi.custody.waiting.${move}`, { count: items?.total ?? 0 })}
      extra={
        <Button size="small" disabled={addable.length === 0} onClick={() => onAdd(addable)} data-testid="custody-add-all">
          {t('testingUi.custody.addAll')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Table<CustodyItem>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        aria-label={t(`testingUi.custody.waiting.${move}`, { count: items?.total ?? 0 })}
        locale={{ emptyText: t('testingUi.custody.nothingWaiting') }}
        onRow={(r) => testRow('custody-waiting-row', { 'data-code': r.code })}
        columns={[
          {
            title: t('testingUi.fields.code'),
            dataIndex: 'code',
            render: (c: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {spacedCode(c)}
              </Typography.Text>
            ),
          },
          {
            title: t('testingUi.fields.kind'),
            key: 'kind',
            render: (_, r) => (
              <>
                <KindText item={r} />
                {!r.closed && (
                  <Tag color="blue" style={{ marginInlineStart: 4 }}>
                    {t('testingUi.custody.filling')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('testingUi.fields.site'), key: 'site', render: (_, r) => r.site.name },
          {
            title: '',
            key: 'add',
            width: 70,
            render: (_, r) =>
              inBatch.has(r.code) ? (
                <Tag>{t('testingUi.custody.inBatch')}</Tag>
              ) : (
                // A pool still filling is closed by sending it; staff add it on purpose, by its code.
                <Button size="small" onClick={() => onAdd([r])} disabled={!r.closed} title={r.closed ? undefined : t('testingUi.custody.closeFirst')}>
                  {t('testingUi.custody.add')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
