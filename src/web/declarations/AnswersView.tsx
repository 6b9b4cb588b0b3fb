import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArrivalAnswers, DeclarationAnswers, DeclarationDetail, TravelAnswers } from '../../shared/api/declarations.js';
import { formatDate } from '../../shared/vn/dates.js';
import { birthText, docText } from '../people/format';
import { countryName, useUnitNames, type ProfileNames } from './names';

type Place = DeclarationAnswers['placesVisited'][number];

/** Everything the citizen answered, in the order of the form, with codes turned into names. */
export default function AnswersView({ d, names }: { d: DeclarationDetail; names: ProfileNames }) {
  const { t, i18n } = useTranslation();
  const a = d.answers as unknown as DeclarationAnswers;
  const travel = d.travel as TravelAnswers | null;
  const arrival = d.arrival as ArrivalAnswers | null;
  const unitName = useUnitNames([
    ...a.placesVisited.flatMap((p) => (p.unitId ? [p.unitId] : [])),
    ...(travel ? [travel.fromUnitId, travel.toUnitId].filter((v): v is number => !!v) : []),
  ]);
  const country = (code: string | null) => (code ? `${countryName(code, i18n.language)} (${code})` : '—');
  const id = a.identity;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

  return (
    <>
      <Card title={t('ui.declarations.identity')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'fullName', label: t('fields.fullName'), children: id.fullName },
            { key: 'birth', label: id.birthDate ? t('fields.birthDate') : t('fields.birthYear'), children: birthText({ birthDate: id.birthDate ?? null, birthYear: id.birthYear }) },
            { key: 'sex', label: t('fields.sex'), children: t(`people.sex.${id.sex}`) },
            { key: 'doc', label: t('ui.people.document'), children: dash(docText(t, { docType: id.docType, docNumber: id.docNumber })) },
            { key: 'phone', label: t('fields.phone'), children: dash(id.phone) },
            { key: 'email', label: t('fields.email'), children: dash(a.email) },
            { key: 'nationality', label: t('fields.nationality'), children: country(id.nationality) },
            { key: 'address', label: t('fields.addressLine'), children: [id.addressLine, d.communeName].filter(Boolean).join(', ') },
          ]}
        />
      </Card>

      <Card title={t('ui.declarations.health')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          items={[
            {
              key: 'symptoms',
              label: t('fields.symptoms'),
              children: a.symptoms.length ? a.symptoms.map(names.symptom).join(', ') : t('ui.declarations.noSymptoms'),
            },
            ...(a.onsetDate ? [{ key: 'onset', label: t('fields.onsetDate'), children: formatDate(a.onsetDate) }] : []),
            {
              key: 'exposures',
              label: t('fields.exposures'),
              children: a.exposures.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {a.exposures.map((e) => (
                    <li key={e.code}>
                      {names.exposure(e.code)}
                      {e.detail && <Typography.Text type="secondary">: {e.detail}</Typography.Text>}
                    </li>
                  ))}
                </ul>
              ) : (
                t('ui.declarations.noExposures')
              ),
            },
            {
              key: 'vaccination',
              label: t('ui.declarations.vaccination'),
              children: [
                t('ui.declarations.doses', { count: a.vaccination.doses }),
                a.vaccination.product ? names.product(a.vaccination.product) : null,
                a.vaccination.lastDoseDate ? t('ui.declarations.lastDose', { date: formatDate(a.vaccination.lastDoseDate) }) : null,
              ]
                .filter(Boolean)
                .join(' · '),
            },
          ]}
        />
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
          {t('fields.placesVisited')}
        </Typography.Title>
        <Table<Place>
          rowKey={(p, i) => `${p.unitId ?? p.country}-${p.date}-${i}`}
          size="small"
          dataSource={a.placesVisited}
          pagination={false}
          aria-label={t('fields.placesVisited')}
          locale={{ emptyText: t('ui.declarations.noPlaces') }}
          columns={[
            { title: t('ui.declarations.place'), key: 'place', render: (_, p) => (p.unitId ? unitName(p.unitId) : country(p.country)) },
            { title: t('fields.date'), dataIndex: 'date', width: 120, render: (v: string) => formatDate(v) },
          ]}
        />
      </Card>

      {travel && (
        <Card title={t('declarations.kinds.domestic_travel')} style={{ marginBottom: 16 }}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'vehicleType', label: t('fields.vehicleType'), children: travel.vehicleType ? t(`declarations.vehicleTypes.${travel.vehicleType}`) : '—' },
              { key: 'vehicleNumber', label: t('fields.vehicleNumber'), children: dash(travel.vehicleNumber) },
              { key: 'seat', label: t('fields.seat'), children: dash(travel.seat) },
              { key: 'from', label: t('fields.fromUnitId'), children: travel.fromUnitId ? unitName(travel.fromUnitId) : '—' },
              { key: 'to', label: t('fields.toUnitId'), children: travel.toUnitId ? unitName(travel.toUnitId) : '—' },
              { key: 'departure', label: t('fields.departureDate'), children: dash(formatDate(travel.departureDate)) },
              { key: 'arrival', label: t('fields.arrivalDate'), children: dash(formatDate(travel.arrivalDate)) },
            ]}
          />
        </Card>
      )}

      {arrival && (
        <Card title={t('declarations.kinds.arrival')} style={{ marginBottom: 16 }}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'category',
                label: t('fields.travellerCategory'),
                children: arrival.travellerCategory ? t(`declarations.travellerCategories.${arrival.travellerCategory}`) : '—',
              },
              { key: 'gate', label: t('fields.borderGate'), children: dash(arrival.borderGate) },
              { key: 'countryFrom', label: t('fields.countryFrom'), children: country(arrival.countryFrom) },
              { key: 'arrivalDate', label: t('fields.arrivalDate'), children: dash(formatDate(arrival.arrivalDate)) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
