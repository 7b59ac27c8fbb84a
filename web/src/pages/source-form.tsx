/** Create or edit a source by hand (texts to be read go through "Add a source"). */
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Source, SourceInput } from '../api/types.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { VocabSelect } from '../components/inputs.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection } from '../data.js';
import { useAsync } from '../hooks.js';
import { Link, navigate } from '../router.js';

interface SourceDraft {
  kind: string;
  title: string;
  outlet: string;
  author: string;
  url: string;
  language: string;
  publishedAt: string;
  obtainedAt: string;
  reliability: string | null;
  notes: string;
}

function draftOf(s: Source | undefined): SourceDraft {
  return {
    kind: s?.kind ?? 'news_article',
    title: s?.title ?? '',
    outlet: s?.outlet ?? '',
    author: s?.author ?? '',
    url: s?.url ?? '',
    language: s?.language ?? '',
    publishedAt: s?.publishedAt ?? '',
    obtainedAt: s?.obtainedAt ?? '',
    reliability: s?.reliability ?? null,
    notes: s?.notes ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function body(d: SourceDraft) {
  return {
    kind: d.kind as SourceInput['kind'],
    title: d.title.trim(),
    outlet: orNull(d.outlet),
    author: orNull(d.author),
    url: orNull(d.url),
    language: orNull(d.language),
    publishedAt: orNull(d.publishedAt),
    obtainedAt: orNull(d.obtainedAt),
    reliability: d.reliability as SourceInput['reliability'],
    notes: d.notes,
  };
}

function Form({ id, initial }: { id?: string; initial: SourceDraft }) {
  const { t } = useTranslation();
  const { current } = useCollection();
  const [d, setD, clearDraft, restored] = useDraft<SourceDraft>(`source:${id ?? 'new'}`, () => initial);
  const set = <K extends keyof SourceDraft>(k: K, value: SourceDraft[K]): void => setD((prev) => ({ ...prev, [k]: value }));
  const save = useSave(
    () => (id ? api.sources.update(id, body(d)) : api.sources.create({ ...body(d), ...(current ? { collectionId: current.id } : {}) })),
    () => {
      clearDraft();
      navigate('/sources');
    },
    (): FieldErrors => (d.title.trim() ? {} : { title: t('form.requiredField') }),
  );
  const e = save.fields;
  const text = (k: 'title' | 'outlet' | 'author' | 'url' | 'language', required = false, hint?: string) => (
    <Field path={k} label={t(`fields.${k}`)} error={e[k]} required={required} {...(hint ? { hint } : {})}>
      {(c) => <input {...c} type={k === 'url' ? 'url' : 'text'} value={d[k]} onChange={(ev) => set(k, ev.target.value)} />}
    </Field>
  );
  return (
    <form onSubmit={save.submit} noValidate className="record-form">
      <ErrorSummary fields={e} general={save.general} labels={save.labelFor} />
      {restored && (
        <p className="notice notice-info" role="status">
          {t('form.draftRestored')}
        </p>
      )}
      <Field path="kind" label={t('fields.kind')} error={e['kind']} required>
        {(c) => <VocabSelect vocabulary="source_kind" value={d.kind} control={c} onChange={(x) => set('kind', x ?? 'other')} />}
      </Field>
      {text('title', true)}
      {text('outlet')}
      {text('author')}
      {text('url', false, t('sourceForm.urlHint'))}
      {text('language', false, t('sourceForm.languageHint'))}
      <div className="row">
        <Field path="publishedAt" label={t('fields.publishedAt')} error={e['publishedAt']}>
          {(c) => <input {...c} type="date" value={d.publishedAt} onChange={(ev) => set('publishedAt', ev.target.value)} />}
        </Field>
        <Field path="obtainedAt" label={t('fields.obtainedAt')} error={e['obtainedAt']}>
          {(c) => <input {...c} type="date" value={d.obtainedAt} onChange={(ev) => set('obtainedAt', ev.target.value)} />}
        </Field>
      </div>
      <Field path="reliability" label={t('fields.reliability')} error={e['reliability']}>
        {(c) => <VocabSelect vocabulary="reliability" value={d.reliability} control={c} emptyLabel={t('form.notAssessed')} onChange={(x) => set('reliability', x)} />}
      </Field>
      <Field path="notes" label={t('fields.notes')} error={e['notes']}>
        {(c) => <textarea {...c} rows={3} value={d.notes} onChange={(ev) => set('notes', ev.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('form.save')}
        </button>
        <Link to="/sources">{t('form.cancel')}</Link>
      </div>
    </form>
  );
}

export function SourceFormPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const state = useAsync(() => (id ? api.sources.get(id) : Promise.resolve(undefined)), [id]);
  return (
    <>
      <PageTitle>{id ? t('sourceForm.editTitle') : t('sourceForm.newTitle')}</PageTitle>
      {state.error !== undefined ? <ErrorNotice error={state.error} onRetry={state.reload} /> : state.loading ? <Loading /> : <Form {...(id ? { id } : {})} initial={draftOf(state.data)} />}
    </>
  );
}
