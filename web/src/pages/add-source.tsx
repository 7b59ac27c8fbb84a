/**
 * Add a source: paste or upload a text, see what Vigil proposes (incidents and attributed
 * statements) with the evidence highlighted in the text, accept or reject each, then save. The
 * text is stored as a source; the proposals are stored and the decisions applied to them, so
 * only what a person accepted counts. Anything left undecided stays "proposed" for later review.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ExtractRequest } from '../api/client.js';
import type { ExtractionResult, IngestResponse, Offsets, ReviewDecision } from '../api/types.js';
import { decisionsForStored, type ItemKey } from '../review-plan.js';
import { ErrorSummary, Field, useDraft, type FieldErrors } from '../components/form.js';
import { VocabSelect } from '../components/inputs.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, PageTitle } from '../components/ui.js';
import { useCollection, useVocab } from '../data.js';
import { useFormat } from '../format.js';
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
  accepted: number;
  rejected: number;
  undecided: number;
}

export function AddSourcePage() {
  const { t } = useTranslation();
  const v = useVocab();
  const f = useFormat();
  const { current } = useCollection();
  const [meta, setMeta, clearDraft] = useDraft<Meta>('add-source', () => ({ text: '', published: today(), outlet: '', title: '', url: '', kind: 'news_article' }));
  const set = <K extends keyof Meta>(k: K, value: Meta[K]): void => setMeta((prev) => ({ ...prev, [k]: value }));
  const [proposal, setProposal] = useState<{ result: ExtractionResult; text: string } | null>(null);
  const [decisions, setDecisions] = useState<Record<string, ReviewDecision>>({});
  const [active, setActive] = useState<ItemKey | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const read = useSave(
    () => api.sources.extract(request(meta)),
    (result) => {
      setProposal({ result, text: meta.text });
      setDecisions({});
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
  const decide = (key: ItemKey, d: ReviewDecision): void => setDecisions((prev) => ({ ...prev, [key]: d }));
  const setAll = (d: ReviewDecision): void => setDecisions(Object.fromEntries(items.map((it) => [it.key, d])));

  const showInText = (key: ItemKey): void => {
    setActive(key);
    const el = document.getElementById(`ev-${key}`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const saveAll = async (): Promise<void> => {
    if (!proposal) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const ingest = await api.sources.ingest({
        ...request({ ...meta, text: proposal.text }),
        kind: meta.kind,
        language: 'en',
        ...(current ? { collectionId: current.id } : {}),
      });
      const plan = decisionsForStored(proposal.result, ingest, decisionOf);
      for (const [id, d] of plan.claims) await api.claims.review(id, d);
      for (const [id, d] of plan.incidents) await api.incidents.review(id, d);
      const decided = [...plan.claims.values()];
      setSaved({
        ingest,
        accepted: decided.filter((d) => d === 'accepted').length,
        rejected: decided.filter((d) => d === 'rejected').length,
        undecided: ingest.claims.length - plan.claims.size,
      });
      clearDraft();
      window.setTimeout(() => doneHeading.current?.focus(), 0);
    } catch (e) {
      // The text and the decisions stay on the page: saving again is safe (the same text is
      // not stored twice; its proposals are found and decided).
      setSaveError(e);
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
                  const label = `${v.label('act_type', x.act)}: ${f.count(x.count)}`;
                  return (
                    <li key={key} className={`item ${decisionOf(key)}${active === key ? ' active' : ''}`} data-testid="proposed-incident">
                      <p className="item-title">
                        <strong>{v.label('act_type', x.act)}</strong> — {f.count(x.count)}
                      </p>
                      <dl className="facts compact">
                        <dt>{t('fields.date')}</dt>
                        <dd>{x.date.start ? f.fuzzyDate({ start: x.date.start, end: x.date.end ?? x.date.start, precision: x.date.precision }) : t('date.unknown')}</dd>
                        {x.location.text && (
                          <>
                            <dt>{t('fields.place')}</dt>
                            <dd>{x.location.text}</dd>
                          </>
                        )}
                        {x.victims && (
                          <>
                            <dt>{t('fields.victims')}</dt>
                            <dd>{x.victims}</dd>
                          </>
                        )}
                        {x.perpetrator && (
                          <>
                            <dt>{t('fields.perpetrators')}</dt>
                            <dd>{x.perpetrator}</dd>
                          </>
                        )}
                      </dl>
                      <button type="button" className="link-button" onClick={() => showInText(key)}>
                        {t('addSource.showInText')}
                      </button>
                      <DecisionChoice name={`d-${key}`} value={decisionOf(key)} onChange={(d) => decide(key, d)} label={label} />
                    </li>
                  );
                })}
              </ol>
              <h3>{t('addSource.statements')}</h3>
              <ol className="items">
                {proposal.result.statements.map((x, i) => {
                  const key: ItemKey = `s${i}`;
                  const who = x.speaker ?? x.organisation ?? x.speaker_role ?? t('claim.theSource');
                  const label = `${who}: ${v.label('stance', x.stance)}`;
                  return (
                    <li key={key} className={`item ${decisionOf(key)}${active === key ? ' active' : ''}`} data-testid="proposed-statement">
                      <p className="item-title">
                        <span className={`badge stance-badge stance-${x.stance}`}>{v.label('stance', x.stance)}</span> <strong>{who}</strong>
                        {x.speaker && x.organisation && <span className="muted"> ({x.organisation})</span>}
                        {x.reported_by && <span className="muted"> · {t('claim.via', { name: x.reported_by })}</span>}
                      </p>
                      <p>{x.about}</p>
                      {x.quote && <blockquote>“{x.quote}”</blockquote>}
                      <button type="button" className="link-button" onClick={() => showInText(key)}>
                        {t('addSource.showInText')}
                      </button>
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
            {saved.ingest.created ? t('addSource.saved') : t('addSource.alreadyThere')}
          </h2>
          <p role="status">{t('addSource.savedSummary', { accepted: saved.accepted, rejected: saved.rejected, undecided: saved.undecided })}</p>
          <ul>
            {saved.ingest.incidents.map((i) => (
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
