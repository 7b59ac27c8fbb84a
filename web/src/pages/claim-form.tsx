/**
 * Create or edit a claim: which source says it, through which speaker (relayed by whom), with
 * what stance, about which act of which incident, and what it asserts (a count with its
 * qualifier, a date). Claims are never merged: a new figure is a new claim beside the others.
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Claim, ClaimInput, Count, FuzzyDate, IncidentView, Source } from '../api/types.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { ActorPicker, completeDate, CountInput, FuzzyDateInput, VocabSelect } from '../components/inputs.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection, useVocab } from '../data.js';
import { useAsync } from '../hooks.js';
import { Link, navigate, useLocation } from '../router.js';

interface ClaimDraft {
  sourceId: string;
  incidentId: string | null;
  actId: string | null;
  speakerId: string | null;
  speakerRole: string;
  relayId: string | null;
  stance: string;
  about: string;
  quote: string;
  count: Count | null;
  assertsDate: boolean;
  date: FuzzyDate;
  credibility: string | null;
}

const UNKNOWN: FuzzyDate = { start: null, end: null, precision: 'unknown' };

function draftOf(claim: Claim | undefined, incidentId: string | null, actId: string | null): ClaimDraft {
  if (!claim)
    return { sourceId: '', incidentId, actId, speakerId: null, speakerRole: '', relayId: null, stance: 'alleges', about: '', quote: '', count: null, assertsDate: false, date: UNKNOWN, credibility: null };
  return {
    sourceId: claim.sourceId,
    incidentId: claim.incidentId,
    actId: claim.actId,
    speakerId: claim.speakerId,
    speakerRole: claim.speakerRole ?? '',
    relayId: claim.relayId,
    stance: claim.stance,
    about: claim.about,
    quote: claim.quote ?? '',
    count: claim.asserts.count,
    assertsDate: claim.asserts.date !== null,
    date: claim.asserts.date ?? UNKNOWN,
    credibility: claim.credibility,
  };
}

function body(d: ClaimDraft, asserts: { placeId: string | null; perpetratorId: string | null }) {
  return {
    incidentId: d.incidentId,
    actId: d.actId,
    speakerId: d.speakerId,
    speakerRole: d.speakerRole.trim() || null,
    relayId: d.relayId,
    stance: d.stance as ClaimInput['stance'],
    about: d.about.trim(),
    quote: d.quote.trim() || null,
    asserts: { count: d.count, date: d.assertsDate ? completeDate(d.date) : null, ...asserts },
    credibility: d.credibility as ClaimInput['credibility'],
  };
}

function Form({ id, initial, claim, sources, incident }: { id?: string; initial: ClaimDraft; claim?: Claim; sources: Source[]; incident?: IncidentView }) {
  const { t } = useTranslation();
  const v = useVocab();
  const [d, setD, clearDraft, restored] = useDraft<ClaimDraft>(`claim:${id ?? `new:${initial.incidentId ?? ''}`}`, () => initial);
  const set = <K extends keyof ClaimDraft>(k: K, value: ClaimDraft[K]): void => setD((prev) => ({ ...prev, [k]: value }));
  const keep = { placeId: claim?.asserts.placeId ?? null, perpetratorId: claim?.asserts.perpetratorId ?? null };
  const save = useSave(
    () => (id ? api.claims.update(id, body(d, keep)) : api.claims.create({ sourceId: d.sourceId, ...body(d, keep) })),
    (c) => {
      clearDraft();
      navigate(c.incidentId ? `/incidents/${c.incidentId}` : '/');
    },
    (): FieldErrors => {
      const e: Record<string, string> = {};
      if (!id && !d.sourceId) e['sourceId'] = t('form.requiredField');
      if (!d.about.trim()) e['about'] = t('form.requiredField');
      return e;
    },
  );
  const e = save.fields;
  return (
    <form onSubmit={save.submit} noValidate className="record-form">
      <ErrorSummary fields={e} general={save.general} labels={save.labelFor} />
      {restored && (
        <p className="notice notice-info" role="status">
          {t('form.draftRestored')}
        </p>
      )}
      {incident && <p>{t('claimForm.aboutIncident', { title: incident.incident.title })}</p>}
      <Field path="sourceId" label={t('fields.source')} error={e['sourceId']} required={!id} hint={id ? t('claimForm.sourceFixed') : t('claimForm.sourceHint')}>
        {(c) => (
          <select {...c} value={d.sourceId} disabled={Boolean(id)} onChange={(ev) => set('sourceId', ev.target.value)}>
            <option value="">—</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.outlet ? ` (${s.outlet})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {incident && (
        <Field path="actId" label={t('fields.act')} error={e['actId']}>
          {(c) => (
            <select {...c} value={d.actId ?? ''} onChange={(ev) => set('actId', ev.target.value || null)}>
              <option value="">{t('claimForm.wholeIncident')}</option>
              {incident.incident.acts.map((a) => (
                <option key={a.id} value={a.id}>
                  {v.label('act_type', a.type)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field path="stance" label={t('fields.stance')} error={e['stance']} required>
        {(c) => <VocabSelect vocabulary="stance" value={d.stance} control={c} onChange={(x) => set('stance', x ?? 'alleges')} />}
      </Field>
      <Field path="speakerId" label={t('fields.speaker')} error={e['speakerId']} hint={t('claimForm.speakerHint')}>
        {(c) => <ActorPicker control={c} value={d.speakerId} onChange={(x) => set('speakerId', x)} />}
      </Field>
      <Field path="speakerRole" label={t('fields.speakerRole')} error={e['speakerRole']} hint={t('claimForm.speakerRoleHint')}>
        {(c) => <input {...c} type="text" value={d.speakerRole} onChange={(ev) => set('speakerRole', ev.target.value)} />}
      </Field>
      <Field path="relayId" label={t('fields.relay')} error={e['relayId']} hint={t('claimForm.relayHint')}>
        {(c) => <ActorPicker control={c} kind="organisation" value={d.relayId} onChange={(x) => set('relayId', x)} />}
      </Field>
      <Field path="about" label={t('fields.about')} error={e['about']} required hint={t('claimForm.aboutHint')}>
        {(c) => <textarea {...c} rows={2} value={d.about} onChange={(ev) => set('about', ev.target.value)} />}
      </Field>
      <Field path="quote" label={t('fields.quote')} error={e['quote']}>
        {(c) => <textarea {...c} rows={3} value={d.quote} onChange={(ev) => set('quote', ev.target.value)} />}
      </Field>
      <CountInput path="asserts.count" legend={t('fields.count')} value={d.count} onChange={(c) => set('count', c)} errors={e} />
      <div className="field checkbox">
        <input id="f-asserts-date-on" type="checkbox" checked={d.assertsDate} onChange={(ev) => set('assertsDate', ev.target.checked)} />
        <label htmlFor="f-asserts-date-on">{t('claimForm.assertsDate')}</label>
      </div>
      {d.assertsDate && <FuzzyDateInput path="asserts.date" legend={t('fields.assertedDate')} value={d.date} onChange={(x) => set('date', x)} errors={e} />}
      <Field path="credibility" label={t('fields.credibility')} error={e['credibility']}>
        {(c) => <VocabSelect vocabulary="credibility" value={d.credibility} control={c} emptyLabel={t('form.notAssessed')} onChange={(x) => set('credibility', x)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('form.save')}
        </button>
        <Link to={d.incidentId ? `/incidents/${d.incidentId}` : '/'}>{t('form.cancel')}</Link>
      </div>
    </form>
  );
}

export function ClaimFormPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { current } = useCollection();
  const state = useAsync(
    async (signal) => {
      const claim = id ? await api.claims.get(id) : undefined;
      const incidentId = claim?.incidentId ?? search.get('incidentId');
      const [incident, sources] = await Promise.all([
        incidentId ? api.incidents.view(incidentId, signal) : Promise.resolve(undefined),
        api.sources.list({ collectionId: current?.id, limit: 500 }, signal),
      ]);
      return { claim, incident, sources: sources.items };
    },
    [id, current?.id],
  );
  const data = state.data;
  return (
    <>
      <PageTitle>{id ? t('claimForm.editTitle') : t('claimForm.newTitle')}</PageTitle>
      {state.error !== undefined ? (
        <ErrorNotice error={state.error} onRetry={state.reload} />
      ) : !data || state.loading ? (
        <Loading />
      ) : (
        <Form
          {...(id ? { id } : {})}
          {...(data.claim ? { claim: data.claim } : {})}
          {...(data.incident ? { incident: data.incident } : {})}
          sources={data.sources}
          initial={draftOf(data.claim, data.incident?.incident.id ?? null, search.get('actId'))}
        />
      )}
    </>
  );
}
