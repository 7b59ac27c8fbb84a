/**
 * Create or edit an actor: an organisation (which may belong to another) or a person. People in
 * the case data are named by pseudonym unless they are public figures; identifying details go
 * to People, never here.
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Actor, ActorInput } from '../api/types.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { ActorPicker, VocabSelect } from '../components/inputs.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection } from '../data.js';
import { useAsync } from '../hooks.js';
import { Link, navigate } from '../router.js';

interface ActorDraft {
  kind: string;
  name: string;
  nameRu: string;
  organisationType: string | null;
  parentId: string | null;
  role: string;
  notes: string;
}

function draftOf(a: Actor | undefined): ActorDraft {
  return {
    kind: a?.kind ?? 'organisation',
    name: a?.name ?? '',
    nameRu: a?.nameRu ?? '',
    organisationType: a?.organisationType ?? null,
    parentId: a?.parentId ?? null,
    role: a?.role ?? '',
    notes: a?.notes ?? '',
  };
}

function Form({ id, initial }: { id?: string; initial: ActorDraft }) {
  const { t } = useTranslation();
  const { current } = useCollection();
  const [d, setD, clearDraft, restored] = useDraft<ActorDraft>(`actor:${id ?? 'new'}`, () => initial);
  const set = <K extends keyof ActorDraft>(k: K, value: ActorDraft[K]): void => setD((prev) => ({ ...prev, [k]: value }));
  const person = d.kind === 'person';
  const common = {
    name: d.name.trim(),
    nameRu: d.nameRu.trim() || null,
    organisationType: person ? null : (d.organisationType as ActorInput['organisationType']),
    parentId: d.parentId,
    role: person ? d.role.trim() || null : null,
    notes: d.notes,
  };
  const save = useSave(
    () => (id ? api.actors.update(id, common) : api.actors.create({ kind: d.kind as ActorInput['kind'], ...common, ...(current ? { collectionId: current.id } : {}) })),
    () => {
      clearDraft();
      navigate('/actors');
    },
    (): FieldErrors => (d.name.trim() ? {} : { name: t('form.requiredField') }),
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
      <Field path="kind" label={t('fields.kind')} error={e['kind']} required hint={id ? t('actorForm.kindFixed') : undefined}>
        {(c) => (
          <select {...c} value={d.kind} disabled={Boolean(id)} onChange={(ev) => set('kind', ev.target.value)}>
            <option value="organisation">{t('actorForm.organisation')}</option>
            <option value="person">{t('actorForm.person')}</option>
          </select>
        )}
      </Field>
      <Field path="name" label={person ? t('actorForm.personName') : t('fields.name')} error={e['name']} required hint={person ? t('actorForm.pseudonymHint') : undefined}>
        {(c) => <input {...c} type="text" value={d.name} onChange={(ev) => set('name', ev.target.value)} />}
      </Field>
      <Field path="nameRu" label={t('fields.nameRu')} error={e['nameRu']}>
        {(c) => <input {...c} type="text" lang="ru" value={d.nameRu} onChange={(ev) => set('nameRu', ev.target.value)} />}
      </Field>
      {!person && (
        <Field path="organisationType" label={t('fields.organisationType')} error={e['organisationType']}>
          {(c) => <VocabSelect vocabulary="organisation_type" value={d.organisationType} control={c} emptyLabel="—" onChange={(x) => set('organisationType', x)} />}
        </Field>
      )}
      {person && (
        <Field path="role" label={t('fields.role')} error={e['role']}>
          {(c) => <input {...c} type="text" value={d.role} onChange={(ev) => set('role', ev.target.value)} />}
        </Field>
      )}
      <Field path="parentId" label={person ? t('actorForm.speaksFor') : t('actorForm.partOf')} error={e['parentId']}>
        {(c) => <ActorPicker control={c} kind="organisation" value={d.parentId} onChange={(x) => set('parentId', x)} />}
      </Field>
      <Field path="notes" label={t('fields.notes')} error={e['notes']}>
        {(c) => <textarea {...c} rows={3} value={d.notes} onChange={(ev) => set('notes', ev.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('form.save')}
        </button>
        <Link to="/actors">{t('form.cancel')}</Link>
      </div>
    </form>
  );
}

export function ActorFormPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const state = useAsync(() => (id ? api.actors.get(id) : Promise.resolve(undefined)), [id]);
  return (
    <>
      <PageTitle>{id ? t('actorForm.editTitle') : t('actorForm.newTitle')}</PageTitle>
      {state.error !== undefined ? <ErrorNotice error={state.error} onRetry={state.reload} /> : state.loading ? <Loading /> : <Form {...(id ? { id } : {})} initial={draftOf(state.data)} />}
    </>
  );
}
