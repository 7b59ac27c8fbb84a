/**
 * Add a source: paste or upload a text, see what Vigil proposes (incidents and attributed
 * statements) with the evidence highlighted in the text, accept, edit or reject each, then save.
 * The text is stored as a source; the proposals are stored, the reviewer's changes applied to
 * them (PATCH on the proposed incidents and claims) and then the decisions, so only what a person
 * accepted counts, as they corrected it. Anything left undecided stays "proposed" for later
 * review. The review (proposals, decisions, changes) is a draft of the browser tab until saved:
 * a refused change is shown at its field and nothing is lost.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ExtractRequest } from '../api/client.js';
import type { ExtractionResult, Incident, IngestResponse, Offsets, ReviewDecision } from '../api/types.js';
import { applyEditPlan, EditErrors } from '../apply-edits.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { VocabSelect } from '../components/inputs.js';
import { IncidentEditor, PlaceName, StatementEditor } from '../components/proposal-editor.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, PageTitle } from '../components/ui.js';
import { useCollection, useVocab } from '../data.js';
import { useFormat } from '../format.js';
import {
  groupEpisodes,
  incidentChanges,
  incidentValues,
  NO_EDITS,
  planEdits,
  statementChanges,
  statementValues,
  type Edits,
  type IncidentEdit,
  type StatementEdit,
} from '../proposal-edits.js';
import { decisionsForStored, type ItemKey } from '../review-plan.js';
import { Link } from '../router.js';

interface Meta {
  text: string;
  published: string;
  outlet: string;
  title: string;
  url: string;
  kind: string;
}


interface Item {
  readonly key: ItemKey;
  readonly evidence: Offsets;
}

/** What is being reviewed, kept as a draft of the tab until it is saved. */
interface Review {
  readonly result: ExtractionResult;
  readonly text: string;
  readonly decisions: Readonly<Record<string, ReviewDecision>>;
  readonly edits: Edits;
  /** The source an earlier, half-failed save of this review stored (saving again finds it). */
  readonly sourceId: string | null;
}

interface EditProblems {
  readonly fields: FieldErrors;
  readonly general: readonly string[];
}

const NO_PROBLEMS: EditProblems = { fields: {}, general: [] };

const today = (): string => new Date().toISOString().slice(0, 10);

function request(m: Meta): ExtractRequest {
  return {
    text: m.text,
    published: m.published,
    ...(m.outlet.trim() ? { outlet: m.outlet.trim() } : {}),
    ...(m.title.trim() ? { title: m.title.trim() } : {}),
    ...(m.url.trim() ? { url: m.url.trim() } : {}),
  };
}

/** The text with every evidence span marked; the active item's span stands out. */
function HighlightedText({ text, items, active, label }: { text: string; items: readonly Item[]; active: ItemKey | null; label: string }) {
  const bounds = new Set<number>([0, text.length]);
  for (const it of items) {
    bounds.add(Math.max(0, Math.min(text.length, it.evidence.start)));
    bounds.add(Math.max(0, Math.min(text.length, it.evidence.end)));
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const parts: ReactNode[] = [];
  const started = new Set<ItemKey>();
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i] as number, cuts[i + 1] as number];
    const covering = items.filter((it) => it.evidence.start <= a && it.evidence.end >= b);
    const chunk = text.slice(a, b);
    if (covering.length === 0) {
      parts.push(chunk);
      continue;
    }
    const first = covering.find((it) => !started.has(it.key));
    if (first) started.add(first.key);
    parts.push(
      <mark key={a} {...(first ? { id: `ev-${first.key}` } : {})} className={covering.some((it) => it.key === active) ? 'evidence active' : 'evidence'}>
        {chunk}
      </mark>,
    );
  }
  return (
    <div className="source-text" tabIndex={0} role="region" aria-label={label}>
      {parts}
    </div>
  );
}

function DecisionChoice({ name, value, onChange, label }: { name: string; value: ReviewDecision; onChange: (d: ReviewDecision) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="decision">
      <legend className="visually-hidden">{t('addSource.decisionFor', { what: label })}</legend>
      <label>
        <input type="radio" name={name} value="accepted" checked={value === 'accepted'} onChange={() => onChange('accepted')} /> {t('review.accept')}
      </label>
      <label>
        <input type="radio" name={name} value="rejected" checked={value === 'rejected'} onChange={() => onChange('rejected')} /> {t('review.reject')}
      </label>
    </fieldset>
  );
}

interface Saved {
  ingest: IngestResponse;
  /** False when the text was in the collection before this review. */
  created: boolean;
  /** The incidents as saved (with the reviewer's changes and decisions). */
  incidents: Incident[];
  accepted: number;
  rejected: number;
  undecided: number;
}

/** "Show in text" and "Edit" for one proposal; the Edit button controls its editor (`editor-<key>`). */
function ItemActions({ itemKey, label, open, onShow, onToggle }: { itemKey: ItemKey; label: string; open: boolean; onShow: () => void; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="item-actions">
      <button type="button" className="link-button" onClick={onShow}>
        {t('addSource.showInText')}
      </button>{' '}
      <button
        type="button"
        id={`edit-${itemKey}`}
        aria-expanded={open}
        aria-controls={`editor-${itemKey}`}
        aria-label={t('addSource.editNamed', { what: label })}
        onClick={onToggle}
      >
        {t('addSource.edit')}
      </button>
    </p>
  );
}

export function AddSourcePage() {
  const { t } = useTranslation();
  const v = useVocab();
  const f = useFormat();
  const { current } = useCollection();
  const [meta, setMeta, clearDraft] = useDraft<Meta>('add-source', () => ({ text: '', published: today(), outlet: '', title: '', url: '', kind: 'news_article' }));
  const set = <K extends keyof Meta>(k: K, value: Meta[K]): void => setMeta((prev) => ({ ...prev, [k]: value }));
  const [review, setReview, clearReview, reviewRestored] = useDraft<Review | null>('add-source:review', () => null);
  const proposal = review;
  const decisions = review?.decisions ?? {};
  const edits = review?.edits ?? NO_EDITS;
  const [editing, setEditing] = useState<ReadonlySet<ItemKey>>(new Set());
  const [problems, setProblems] = useState<EditProblems>(NO_PROBLEMS);
  const [active, setActive] = useState<ItemKey | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const read = useSave(
    () => api.sources.extract(request(meta)),
    (result) => {
      setReview({ result, text: meta.text, decisions: {}, edits: NO_EDITS, sourceId: null });
      setEditing(new Set());
      setProblems(NO_PROBLEMS);
      setSaved(null);
      window.setTimeout(() => reviewHeading.current?.focus(), 0);
    },
    (): FieldErrors => {
      const e: Record<string, string> = {};
      if (!meta.text.trim()) e['text'] = t('form.requiredField');
      if (!meta.published) e['published'] = t('form.requiredField');
      return e;
    },
  );

  const items: Item[] = useMemo(
    () =>
      proposal
        ? [
            ...proposal.result.incidents.map((x, i) => ({ key: `i${i}` as ItemKey, evidence: x.evidence })),
            ...proposal.result.statements.map((x, i) => ({ key: `s${i}` as ItemKey, evidence: x.evidence })),
          ]
        : [],
    [proposal],
  );
  const decisionOf = (key: ItemKey): ReviewDecision => decisions[key] ?? 'accepted';
  const decide = (key: ItemKey, d: ReviewDecision): void => setReview((prev) => prev && { ...prev, decisions: { ...prev.decisions, [key]: d } });
  const setAll = (d: ReviewDecision): void => setReview((prev) => prev && { ...prev, decisions: Object.fromEntries(items.map((it) => [it.key, d])) });
  const editIncident = (key: ItemKey, next: IncidentEdit): void =>
    setReview((prev) => prev && { ...prev, edits: { ...prev.edits, incidents: { ...prev.edits.incidents, [key]: next } } });
  const editStatement = (key: ItemKey, next: StatementEdit): void =>
    setReview((prev) => prev && { ...prev, edits: { ...prev.edits, statements: { ...prev.edits.statements, [key]: next } } });
  const undo = (key: ItemKey): void =>
    setReview((prev) => {
      if (!prev) return prev;
      const { [key]: _i, ...incidents } = prev.edits.incidents;
      const { [key]: _s, ...statements } = prev.edits.statements;
      return { ...prev, edits: { incidents, statements } };
    });
  const toggleEditor = (key: ItemKey, open: boolean): void => {
    setEditing((prev) => {
      const next = new Set(prev);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });
    if (!open) window.setTimeout(() => document.getElementById(`edit-${key}`)?.focus(), 0);
  };

  /** The first act of each incident (as ingest will group them) edits the incident's title; the others are named there. */
  const episodes = useMemo(() => (proposal ? groupEpisodes(proposal.result.incidents) : []), [proposal]);
  const incidentLabel = (i: number): string => {
    const x = proposal?.result.incidents[i];
    if (!x) return '';
    const val = incidentValues(x, edits.incidents[`i${i}`]);
    return `${v.label('act_type', val.act)}: ${f.count(val.count)}`;
  };
  const statementLabel = (k: number): string => {
    const x = proposal?.result.statements[k];
    if (!x) return '';
    const val = statementValues(x, edits.statements[`s${k}`]);
    const who = val.speaker || val.organisation || val.role || t('claim.theSource');
    return `${who}: ${v.label('stance', val.stance)}`;
  };
  const itemLabel = (key: ItemKey): string => (key.startsWith('i') ? incidentLabel(Number(key.slice(1))) : statementLabel(Number(key.slice(1))));
  const FIELD_LABELS: Record<string, string> = {
    act: t('fields.type'),
    count: t('addSource.figure'),
    qualifier: t('fields.qualifier'),
    value: t('fields.number'),
    min: t('fields.min'),
    max: t('fields.max'),
    date: t('fields.date'),
    precision: t('fields.precision'),
    start: t('fields.dateStart'),
    end: t('fields.dateEnd'),
    placeId: t('fields.place'),
    perpetrator: t('fields.perpetrators'),
    victims: t('fields.victims'),
    title: t('addSource.incidentTitle'),
    summary: t('addSource.incidentSummary'),
    speaker: t('addSource.speaker'),
    organisation: t('addSource.organisation'),
    role: t('fields.role'),
    stance: t('fields.stance'),
    quote: t('fields.quote'),
    relay: t('fields.relay'),
  };
  const problemLabel = (path: string): string => {
    const [key, ...rest] = path.split('.');
    return [itemLabel(key as ItemKey), ...rest.map((seg) => FIELD_LABELS[seg] ?? seg)].join(' · ');
  };

  const showInText = (key: ItemKey): void => {
    setActive(key);
    const el = document.getElementById(`ev-${key}`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const saveAll = async (): Promise<void> => {
    if (!review) return;
    setSaving(true);
    setSaveError(undefined);
    setProblems(NO_PROBLEMS);
    try {
      const ingest = await api.sources.ingest({
        ...request({ ...meta, text: review.text }),
        kind: meta.kind,
        language: 'en',
        ...(current ? { collectionId: current.id } : {}),
      });
      const created = ingest.created || ingest.source.id === review.sourceId;
      if (ingest.created) setReview((prev) => prev && { ...prev, sourceId: ingest.source.id });
      // Decided on the records as stored, before the changes move any claim to another act.
      const plan = decisionsForStored(review.result, ingest, decisionOf, (i) => review.edits.incidents[`i${i}`]?.act);
      // The reviewer's changes go to the proposed records first; nothing is decided unless they all do.
      const changes = planEdits(review.result, review.edits, ingest, decisionOf);
      if (changes.unmatched.length > 0)
        throw new EditErrors(
          {},
          changes.unmatched.map((key) => ({ key, message: t('addSource.unmatched') })),
        );
      await applyEditPlan(changes, { collectionId: ingest.source.collectionId, actorNote: t('addSource.actorNote') });
      for (const [id, d] of plan.claims) await api.claims.review(id, d);
      const reviewed = new Map<string, Incident>();
      for (const [id, d] of plan.incidents) reviewed.set(id, await api.incidents.review(id, d));
      const incidents = await Promise.all(ingest.incidents.map(async (i) => reviewed.get(i.id) ?? (changes.incidents.some((x) => x.incidentId === i.id) ? (await api.incidents.view(i.id)).incident : i)));
      const decided = [...plan.claims.values()];
      setSaved({
        ingest,
        created,
        incidents,
        accepted: decided.filter((d) => d === 'accepted').length,
        rejected: decided.filter((d) => d === 'rejected').length,
        undecided: ingest.claims.length - plan.claims.size,
      });
      setEditing(new Set());
      clearDraft();
      clearReview();
      window.setTimeout(() => doneHeading.current?.focus(), 0);
    } catch (e) {
      // The text, the decisions and the changes stay on the page (and in the tab's draft): saving
      // again is safe (the same text is not stored twice; its proposals are found, changed and decided).
      if (e instanceof EditErrors) {
        setProblems({
          fields: e.fields,
          general: e.general.map((g) => (g.key ? `${itemLabel(g.key)}: ${g.message}` : g.message)),
        });
        const keys = [...Object.keys(e.fields).map((p) => p.split('.')[0] as ItemKey), ...e.general.map((g) => g.key).filter((k): k is ItemKey => k !== null)];
        setEditing((prev) => new Set([...prev, ...keys]));
      } else setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const e = read.fields;
  return (
    <>
      <PageTitle>{t('addSource.title')}</PageTitle>
      <p className="lead">{t('addSource.intro')}</p>
      <form onSubmit={read.submit} noValidate className="record-form">
        <ErrorSummary fields={e} general={read.general} labels={read.labelFor} />
        <Field path="text" label={t('addSource.text')} error={e['text']} required hint={t('addSource.textHint')}>
          {(c) => <textarea {...c} rows={10} value={meta.text} onChange={(ev) => set('text', ev.target.value)} />}
        </Field>
        <div className="field">
          <label htmlFor="upload">{t('addSource.upload')}</label>
          <input
            id="upload"
            type="file"
            accept=".txt,text/plain"
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              if (file) void file.text().then((txt) => set('text', txt));
            }}
          />
        </div>
        <div className="row">
          <Field path="published" label={t('addSource.published')} error={e['published']} required hint={t('addSource.publishedHint')}>
            {(c) => <input {...c} type="date" value={meta.published} max={today()} onChange={(ev) => set('published', ev.target.value)} />}
          </Field>
          <Field path="kind" label={t('fields.kind')} error={e['kind']}>
            {(c) => <VocabSelect vocabulary="source_kind" value={meta.kind} control={c} onChange={(x) => set('kind', x ?? 'news_article')} />}
          </Field>
        </div>
        <div className="row">
          <Field path="outlet" label={t('fields.outlet')} error={e['outlet']}>
            {(c) => <input {...c} type="text" value={meta.outlet} onChange={(ev) => set('outlet', ev.target.value)} />}
          </Field>
          <Field path="title" label={t('fields.title')} error={e['title']}>
            {(c) => <input {...c} type="text" value={meta.title} onChange={(ev) => set('title', ev.target.value)} />}
          </Field>
          <Field path="url" label={t('fields.url')} error={e['url']}>
            {(c) => <input {...c} type="url" value={meta.url} onChange={(ev) => set('url', ev.target.value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={read.busy}>
            {read.busy ? t('addSource.reading') : t('addSource.read')}
          </button>
        </div>
      </form>

      {proposal && (
        <section aria-labelledby="proposal-title" className="proposal">
          <h2 id="proposal-title" ref={reviewHeading} tabIndex={-1}>
            {t('addSource.proposed', { incidents: proposal.result.incidents.length, statements: proposal.result.statements.length })}
          </h2>
          {reviewRestored && !saved && (
            <p className="notice notice-info" role="status">
              {t('form.draftRestored')}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setReview(null);
                  setEditing(new Set());
                  setProblems(NO_PROBLEMS);
                }}
              >
                {t('form.discardDraft')}
              </button>
            </p>
          )}
          <ErrorSummary fields={problems.fields} general={problems.general} labels={problemLabel} note={t('addSource.changesRefused')} />
          <p className="hint">{t('addSource.reviewHint')}</p>
          <p>
            <button type="button" onClick={() => setAll('accepted')}>
              {t('addSource.acceptAll')}
            </button>{' '}
            <button type="button" onClick={() => setAll('rejected')}>
              {t('addSource.rejectAll')}
            </button>
          </p>
          <div className="proposal-layout">
            <HighlightedText text={proposal.text} items={items} active={active} label={t('addSource.textRegion')} />
            <div className="proposal-items">
              <h3>{t('addSource.incidents')}</h3>
              <ol className="items">
                {proposal.result.incidents.map((x, i) => {
                  const key: ItemKey = `i${i}`;
                  const edit = edits.incidents[key];
                  const val = incidentValues(x, edit);
                  const edited = incidentChanges(x, edit).length > 0;
                  const label = incidentLabel(i);
                  const episode = episodes.find((ep) => ep.includes(i)) ?? [i];
                  const open = editing.has(key);
                  const place = val.placeId === undefined ? x.location.text : val.placeId;
                  return (
                    <li key={key} className={`item ${decisionOf(key)}${active === key ? ' active' : ''}${edited ? ' edited' : ''}`} data-testid="proposed-incident">
                      <p className="item-title">
                        <strong>{v.label('act_type', val.act)}</strong> — {f.count(val.count)}
                        {edited && (
                          <>
                            {' '}
                            <span className="badge badge-edited">{t('addSource.edited')}</span>
                          </>
                        )}
                      </p>
                      <dl className="facts compact">
                        <dt>{t('fields.date')}</dt>
                        <dd>{f.fuzzyDate(val.date)}</dd>
                        {place && (
                          <>
                            <dt>{t('fields.place')}</dt>
                            <dd>{val.placeId ? <PlaceName id={val.placeId} /> : place}</dd>
                          </>
                        )}
                        {val.victims && (
                          <>
                            <dt>{t('fields.victims')}</dt>
                            <dd>{val.victims}</dd>
                          </>
                        )}
                        {val.perpetrator && (
                          <>
                            <dt>{t('fields.perpetrators')}</dt>
                            <dd>{val.perpetrator}</dd>
                          </>
                        )}
                        {val.title.trim() && (
                          <>
                            <dt>{t('addSource.incidentTitle')}</dt>
                            <dd>{val.title}</dd>
                          </>
                        )}
                      </dl>
                      <ItemActions itemKey={key} label={label} open={open} onShow={() => showInText(key)} onToggle={() => toggleEditor(key, !open)} />
                      {open && (
                        <IncidentEditor
                          itemKey={key}
                          item={x}
                          edit={edit}
                          onChange={(next) => editIncident(key, next)}
                          errors={problems.fields}
                          what={label}
                          incidentFields={
                            episode[0] === i
                              ? {
                                  others: episode
                                    .filter((j) => j !== i)
                                    .map((j) => incidentLabel(j))
                                    .join('; '),
                                }
                              : null
                          }
                          edited={edited}
                          onDone={() => toggleEditor(key, false)}
                          onUndo={() => undo(key)}
                        />
                      )}
                      <DecisionChoice name={`d-${key}`} value={decisionOf(key)} onChange={(d) => decide(key, d)} label={label} />
                    </li>
                  );
                })}
              </ol>
              <h3>{t('addSource.statements')}</h3>
              <ol className="items">
                {proposal.result.statements.map((x, k) => {
                  const key: ItemKey = `s${k}`;
                  const edit = edits.statements[key];
                  const val = statementValues(x, edit);
                  const edited = statementChanges(x, edit).length > 0;
                  const who = val.speaker || val.organisation || val.role || t('claim.theSource');
                  const label = statementLabel(k);
                  const open = editing.has(key);
                  return (
                    <li key={key} className={`item ${decisionOf(key)}${active === key ? ' active' : ''}${edited ? ' edited' : ''}`} data-testid="proposed-statement">
                      <p className="item-title">
                        <span className={`badge stance-badge stance-${val.stance}`}>{v.label('stance', val.stance)}</span> <strong>{who}</strong>
                        {val.speaker && val.organisation && <span className="muted"> ({val.organisation})</span>}
                        {val.relay && <span className="muted"> · {t('claim.via', { name: val.relay })}</span>}
                        {edited && (
                          <>
                            {' '}
                            <span className="badge badge-edited">{t('addSource.edited')}</span>
                          </>
                        )}
                      </p>
                      <p>{x.about}</p>
                      {val.quote && <blockquote>“{val.quote}”</blockquote>}
                      <ItemActions itemKey={key} label={label} open={open} onShow={() => showInText(key)} onToggle={() => toggleEditor(key, !open)} />
                      {open && (
                        <StatementEditor
                          itemKey={key}
                          item={x}
                          edit={edit}
                          onChange={(next) => editStatement(key, next)}
                          errors={problems.fields}
                          what={label}
                          edited={edited}
                          onDone={() => toggleEditor(key, false)}
                          onUndo={() => undo(key)}
                        />
                      )}
                      <DecisionChoice name={`d-${key}`} value={decisionOf(key)} onChange={(d) => decide(key, d)} label={label} />
                    </li>
                  );
                })}
              </ol>
            </div>
          </div>
          {saveError !== undefined && <ErrorNotice error={saveError} />}
          <div className="form-actions">
            <button type="button" className="primary" disabled={saving || saved !== null} onClick={() => void saveAll()}>
              {saving ? t('form.saving') : t('addSource.save')}
            </button>
          </div>
        </section>
      )}

      {saved && (
        <section aria-labelledby="saved-title" className="notice notice-success">
          <h2 id="saved-title" ref={doneHeading} tabIndex={-1}>
            {saved.created ? t('addSource.saved') : t('addSource.alreadyThere')}
          </h2>
          <p role="status">{t('addSource.savedSummary', { accepted: saved.accepted, rejected: saved.rejected, undecided: saved.undecided })}</p>
          <ul>
            {saved.incidents.map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${i.id}`}>{i.title}</Link> · <Link to={`/incidents/${i.id}/edit`}>{t('common.edit')}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
