import { Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CodeKind } from '../../shared/api/testing.js';
import { ScanButton } from './CodeScanner';
import { labelProblem, readCode, spacedCode } from './model';

/** A pre-printed label, scanned with the camera or typed; left empty, the server makes a new code. */
export default function LabelField({ value, onChange, kind, testId, label, emptyHint }: { value: string; onChange: (v: string) => void; kind: CodeKind; testId: string; label: string; emptyHint: string }) {
  const { t } = useTranslation();
  const problem = labelProblem(value, kind);
  const read = readCode(value);
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
        <Input
          value={value}
          onChange={(e) => onChange(e.target.value.toUpperCase())}
          placeholder={kind === 'pool' ? 'P…' : 'S…'}
          aria-label={label}
          status={problem ? 'error' : undefined}
          autoComplete="off"
          allowClear
          data-testid={testId}
          style={{ fontFamily: 'monospace' }}
        />
        <ScanButton onCode={(c) => onChange(readCode(c).code)} testId={`${testId}-scan`} />
      </Space.Compact>
      <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12, marginTop: 4 }} role={problem ? 'alert' : undefined}>
        {problem === 'invalid'
          ? t('testing.errors.code_invalid')
          : problem === 'wrongKind'
            ? t(kind === 'pool' ? 'testing.errors.pool_code_expected' : 'testing.errors.sample_code_expected')
            : value.trim()
              ? t('testingUi.label.ok', { code: spacedCode(read.code) })
              : emptyHint}
      </Typography.Text>
    </div>
  );
}
