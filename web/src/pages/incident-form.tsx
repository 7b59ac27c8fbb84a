/**
 * Create or edit an incident with its acts: title, summary, a fuzzy date, a place from the
 * gazetteer, tags, and for each act its type, victims, perpetrators, date, place and the actors
 * involved. A failed save keeps everything (and a draft survives a reload).
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ActInput, FuzzyDate, IncidentView } from '../api/types.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { ActorPicker, completeDate, FuzzyDateInput, PlacePicker, VocabSelect } from '../components/inputs.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection } from '../data.js';
import { useAsync } from '../hooks.js';
import { Link, navigate } from '../router.js';

interface ActDraft {
  id?: string;
  type: string;
  victims: string;
  perpetrators: string;
  date: FuzzyDate;
  placeId: string | null;
  involvements: { actorId: string | null; degree: string }[];
}

interface IncidentDraft {
  title: string;
  summary: string;
  date: FuzzyDate;
  placeId: string | null;
  tags: string;
  acts: ActDraft[];
}

const UNKNOWN: FuzzyDate = { start: null, end: null, precision: 'unknown' };
const newAct = (): ActDraft => ({ type: 'detention', victims: '', perpetrators: '', date: UNKNOWN, placeId: null, involvements: [] });

function draftOf(view: IncidentView | undefined): IncidentDraft {
  if (!view) return { title: '', summary: '', date: UNKNOWN, placeId: null, tags: '', acts: [newAct()] };
  const i = view.incident;
  return {
    title: i.title,
    summary: i.summary,
    date: i.date,
    placeId: i.placeId,
    tags: i.tags.join(', '),
    acts: i.acts.map((a) => ({
      id: a.id,
      type: a.type,
      victims: a.victims ?? '',
      perpetrators: a.perpetrators ?? '',
      date: a.date,
      placeId: a.placeId,
      involvements: a.involvements.map((x) => ({ actorId: x.actorId, degree: x.degree })),
    })),
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function body(d: IncidentDraft) {
  return {
    title: d.title.trim(),
    summary: d.summary,
    date: completeDate(d.date),
    placeId: d.placeId,
    tags: d.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    acts: d.acts.map(
      (a): ActInput => ({
        ...(a.id ? { id: a.id } : {}),
        type: a.type as ActInput['type'],
        victims: orNull(a.victims),
        perpetrators: orNull(a.perpetrators),
        date: completeDate(a.date),
        placeId: a.placeId,
        involvements: a.involvements.filter((x) => x.actorId).map((x) => ({ actorId: x.actorId as string, degree: x.degree as 'direct' })),
      }),
    ),
  };
}

function Form({ id, initial }: { id?: string; initial: IncidentDraft }) {
  const { t } = useTranslation();
  const { current } = useCollection();
  const [d, setD, clearDraft, restored] = useDraft<IncidentDraft>(`incident:${id ?? 'new'}`, () => initial);
  const set = <K extends keyof IncidentDraft>(k: K, value: IncidentDraft[K]): void => setD((prev) => ({ ...prev, [k]: value }));
  const setAct = (i: number, patch: Partial<ActDraft>): void => setD((prev) => ({ ...prev, acts: prev.acts.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));

  const save = useSave(
    () => (id ? api.incidents.update(id, body(d)) : api.incidents.create({ ...body(d), ...(current ? { collectionId: current.id } : {}) })),
    (incident) => {
      clearDraft();
      navigate(`/incidents/${incident.id}`);
    },
    (): FieldErrors => (d.title.trim() ? {} : { title: t('form.requiredField') }),
  );
  const e = save.fields;

  return (
    <form onSubmit={save.submit} noValidate className="record-form">
      <ErrorSummary fields={e} general={save.general} labels={save.labelFor} />
      {restored && (
        <p className="notice notice-info" role="status">
          {t('form.draftRestored')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              clearDraft();
              setD(initial);
            }}
          >
            {t('form.discardDraft')}
          </button>
        </p>
      )}
      <Field path="title" label={t('fields.title')} error={e['title']} required>
        {(c) => <input {...c} type="text" value={d.title} onChange={(ev) => set('title', ev.target.value)} />}
      </Field>
      <Field path="summary" label={t('fields.summary')} error={e['summary']}>
        {(c) => <textarea {...c} rows={4} value={d.summary} onChange={(ev) => set('summary', ev.target.value)} />}
      </Field>
      <FuzzyDateInput path="date" legend={t('fields.date')} value={d.date} onChange={(v) => set('date', v)} errors={e} />
      <Field path="placeId" label={t('fields.place')} error={e['placeId']} hint={t('form.placeHint')}>
        {(c) => <PlacePicker control={c} value={d.placeId} onChange={(v) => set('placeId', v)} />}
      </Field>
      <Field path="tags" label={t('fields.tags')} error={e['tags']} hint={t('form.tagsHint')}>
        {(c) => <input {...c} type="text" value={d.tags} onChange={(ev) => set('tags', ev.target.value)} />}
      </Field>

      <h2>{t('incident.acts')}</h2>
      {d.acts.map((a, i) => (
        <fieldset key={a.id ?? `new-${i}`} className="group act-editor">
          <legend>{t('form.actN', { n: i + 1 })}</legend>
          <Field path={`acts.${i}.type`} label={t('fields.type')} error={e[`acts.${i}.type`]} required>
            {(c) => <VocabSelect vocabulary="act_type" value={a.type} control={c} onChange={(v) => setAct(i, { type: v ?? 'other' })} />}
          </Field>
          <Field path={`acts.${i}.victims`} label={t('fields.victims')} error={e[`acts.${i}.victims`]} hint={t('form.victimsHint')}>
            {(c) => <input {...c} type="text" value={a.victims} onChange={(ev) => setAct(i, { victims: ev.target.value })} />}
          </Field>
          <Field path={`acts.${i}.perpetrators`} label={t('fields.perpetrators')} error={e[`acts.${i}.perpetrators`]}>
            {(c) => <input {...c} type="text" value={a.perpetrators} onChange={(ev) => setAct(i, { perpetrators: ev.target.value })} />}
          </Field>
          <FuzzyDateInput path={`acts.${i}.date`} legend={t('fields.actDate')} value={a.date} onChange={(v) => setAct(i, { date: v })} errors={e} />
          <Field path={`acts.${i}.placeId`} label={t('fields.place')} error={e[`acts.${i}.placeId`]}>
            {(c) => <PlacePicker control={c} value={a.placeId} onChange={(v) => setAct(i, { placeId: v })} />}
          </Field>
          {a.involvements.map((x, k) => (
            <div className="row" key={k}>
              <Field path={`acts.${i}.involvements.${k}.actorId`} label={t('fields.perpetratorActor')} error={e[`acts.${i}.involvements.${k}.actorId`]}>
                {(c) => (
                  <ActorPicker
                    control={c}
                    value={x.actorId}
                    onChange={(v) => setAct(i, { involvements: a.involvements.map((y, j) => (j === k ? { ...y, actorId: v } : y)) })}
                  />
                )}
              </Field>
              <Field path={`acts.${i}.involvements.${k}.degree`} label={t('fields.degree')} error={e[`acts.${i}.involvements.${k}.degree`]}>
                {(c) => (
                  <VocabSelect
                    vocabulary="involvement_degree"
                    value={x.degree}
                    control={c}
                    onChange={(v) => setAct(i, { involvements: a.involvements.map((y, j) => (j === k ? { ...y, degree: v ?? 'direct' } : y)) })}
                  />
                )}
              </Field>
              <button type="button" className="link-button" onClick={() => setAct(i, { involvements: a.involvements.filter((_, j) => j !== k) })}>
                {t('form.removeInvolvement')}
              </button>
            </div>
          ))}
          <p>
            <button type="button" onClick={() => setAct(i, { involvements: [...a.involvements, { actorId: null, degree: 'direct' }] })}>
              {t('form.addInvolvement')}
            </button>{' '}
            <button type="button" onClick={() => setD((prev) => ({ ...prev, acts: prev.acts.filter((_, j) => j !== i) }))}>
              {t('form.removeAct', { n: i + 1 })}
            </button>
          </p>
          {a.id && <p className="hint">{t('form.actKeepsClaims')}</p>}
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => setD((prev) => ({ ...prev, acts: [...prev.acts, newAct()] }))}>
          {t('form.addAct')}
        </button>
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('form.save')}
        </button>
        <Link to={id ? `/incidents/${id}` : '/incidents'}>{t('form.cancel')}</Link>
      </div>
    </form>
  );
}

export function IncidentFormPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const state = useAsync((signal) => (id ? api.incidents.view(id, signal) : Promise.resolve(undefined)), [id]);
  return (
    <>
      <PageTitle>{id ? t('incidentForm.editTitle') : t('incidentForm.newTitle')}</PageTitle>
      {state.error !== undefined ? (
        <ErrorNotice error={state.error} onRetry={state.reload} />
      ) : state.loading ? (
        <Loading />
      ) : (
        <Form {...(id ? { id } : {})} initial={draftOf(state.data)} />
      )}
    </>
  );
}
