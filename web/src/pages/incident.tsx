/**
 * One incident: what it currently says (each act's reconciled figure) and, beside every figure,
 * the claims behind it — who says it, in which source, relayed by whom, with what stance and
 * quote — allegations and denials side by side; how the status was derived; and a timeline.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Act, ClaimView, ClaimsBySide, IncidentView, ReviewDecision } from '../api/types.js';
import { actorName } from '../components/inputs.js';
import { ErrorNotice, Loading, PageTitle, ReviewBadge, StatusBadge } from '../components/ui.js';
import { placeName, usePlace, useVocab } from '../data.js';
import { useFormat } from '../format.js';
import { useAsync } from '../hooks.js';
import { asLang } from '../i18n/index.js';
import { Link } from '../router.js';

const claimAnchor = (id: string): string => `claim-${id}`;

function Speaker({ view }: { view: ClaimView }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const c = view.claim;
  const who = view.speaker ? actorName(view.speaker, lang) : (c.speakerRole ?? (view.organisation ? null : t('claim.theSource')));
  return (
    <p className="claim-speaker">
      {who && <strong>{who}</strong>}
      {view.speaker?.role && <span className="muted">, {view.speaker.role}</span>}
      {view.organisation && (
        <>
          {who ? ` ${t('claim.for')} ` : ''}
          <strong>{actorName(view.organisation, lang)}</strong>
        </>
      )}
    </p>
  );
}

function ClaimReview({ id, about, onDone }: { id: string; about: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const decide = (d: ReviewDecision): void => {
    setBusy(true);
    setError(undefined);
    api.claims.review(id, d).then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <span className="claim-review" role="group" aria-label={t('claim.reviewOf', { about: about.slice(0, 60) })}>
      <button type="button" disabled={busy} onClick={() => decide('accepted')}>
        {t('review.accept')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => decide('rejected')}>
        {t('review.reject')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </span>
  );
}

export function ClaimCard({ view, onChanged }: { view: ClaimView; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const f = useFormat();
  const c = view.claim;
  const s = view.source;
  return (
    <article className={`claim stance-${c.stance}`} id={claimAnchor(c.id)} aria-labelledby={`${claimAnchor(c.id)}-s ${claimAnchor(c.id)}-a`}>
      <p className="claim-stance">
        <span id={`${claimAnchor(c.id)}-s`} className={`badge stance-badge stance-${c.stance}`}>
          {v.label('stance', c.stance)}
        </span>{' '}
        <ReviewBadge review={c.review} />
      </p>
      <Speaker view={view} />
      <p className="claim-about" id={`${claimAnchor(c.id)}-a`}>
        {c.about}
      </p>
      {c.quote && <blockquote className="claim-quote">“{c.quote}”</blockquote>}
      {c.asserts.count && (
        <p className="claim-asserts">
          {t('claim.asserts')}: <strong>{f.count(c.asserts.count)}</strong>
        </p>
      )}
      {c.asserts.date && (
        <p className="claim-asserts">
          {t('claim.assertsDate')}: {f.fuzzyDate(c.asserts.date)}
        </p>
      )}
      <p className="claim-source">
        {s ? (
          <>
            {t('claim.in')} <cite>{s.title}</cite>
            {s.outlet && <>, {s.outlet}</>}
            {s.publishedAt && <>, {f.day(s.publishedAt)}</>}
          </>
        ) : (
          t('claim.noSource')
        )}
        {view.relay && (
          <>
            {' · '}
            <span className="claim-relay">{t('claim.via', { name: actorName(view.relay, lang) })}</span>
          </>
        )}
      </p>
      <p className="claim-actions">
        <Link to={`/claims/${c.id}/edit`} aria-label={t('claim.editNamed', { about: c.about.slice(0, 60) })}>
          {t('common.edit')}
        </Link>{' '}
        {c.review === 'proposed' && onChanged && <ClaimReview id={c.id} about={c.about} onDone={onChanged} />}
      </p>
    </article>
  );
}

function SideBySide({ claims, label, onChanged }: { claims: ClaimsBySide; label: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const columns = [
    ['supporting', t('incident.supporting')],
    ['denying', t('incident.denying')],
    ['other', t('incident.other')],
  ] as const;
  const shown = columns.filter(([k]) => k !== 'other' || claims.other.length > 0);
  return (
    <div className={`side-by-side cols-${shown.length}`} role="group" aria-label={label}>
      {shown.map(([key, title]) => (
        <section key={key} className={`side side-${key}`} aria-label={`${title} (${claims[key].length})`}>
          <h4 className="side-title">
            {title} <span className="muted">({claims[key].length})</span>
          </h4>
          {claims[key].length === 0 ? <p className="muted">{t('incident.noClaims')}</p> : claims[key].map((c) => <ClaimCard key={c.claim.id} view={c} onChanged={onChanged} />)}
        </section>
      ))}
    </div>
  );
}

function ActSection({ act, claims, onChanged }: { act: Act; claims: ClaimsBySide | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const v = useVocab();
  const f = useFormat();
  const r = act.reconciled;
  const label = v.label('act_type', act.type);
  return (
    <section className="act" aria-labelledby={`act-${act.id}`}>
      <h3 id={`act-${act.id}`}>{label}</h3>
      <div className="act-figure">
        <p className="figure" data-testid={`figure-${act.type}`}>
          <span className="figure-value">{r.count ? f.count(r.count) : t('incident.noFigure')}</span>
          {r.count && <span className="muted figure-bounds"> ({t('incident.bounds', { bounds: f.bounds(r.low, r.high) })})</span>}
        </p>
        {r.conflict && (
          <p className="notice notice-warn" role="note">
            {t('incident.conflict')}
          </p>
        )}
        {r.figures.length > 1 && (
          <ul className="figures">
            {r.figures.map((fig, i) => (
              <li key={i}>
                {f.count(fig.count)} — {t('incident.figureSupport', { count: fig.origins.length })}
              </li>
            ))}
          </ul>
        )}
        {(act.victims || act.perpetrators) && (
          <dl className="facts compact">
            {act.victims && (
              <>
                <dt>{t('fields.victims')}</dt>
                <dd>{act.victims}</dd>
              </>
            )}
            {act.perpetrators && (
              <>
                <dt>{t('fields.perpetrators')}</dt>
                <dd>{act.perpetrators}</dd>
              </>
            )}
          </dl>
        )}
      </div>
      {claims && <SideBySide claims={claims} label={t('incident.claimsAbout', { what: label })} onChanged={onChanged} />}
    </section>
  );
}

/** Names for the origins the derivation counts (actor:<id>, outlet:<name>). */
function originName(origin: string, view: IncidentView, lang: 'en' | 'ru'): string {
  const [kind, rest] = [origin.slice(0, origin.indexOf(':')), origin.slice(origin.indexOf(':') + 1)];
  if (kind === 'actor') {
    for (const c of view.timeline) {
      for (const a of [c.speaker, c.organisation, c.relay]) if (a && a.id === rest) return actorName(a, lang);
    }
  }
  if (kind === 'outlet') {
    for (const c of view.timeline) if (c.source?.outlet && c.source.outlet.toLowerCase() === rest) return c.source.outlet;
  }
  return rest;
}

function Derivation({ view }: { view: IncidentView }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const d = view.incident.derivation;
  const origins = d.supportingOrigins.map((o) => originName(o, view, lang));
  const byId = new Map(view.timeline.map((c) => [c.claim.id, c]));
  return (
    <section aria-labelledby="derivation-title" className="derivation">
      <h2 id="derivation-title">{t('incident.derivationTitle')}</h2>
      <p>
        <StatusBadge status={d.status} /> — {v.label('verification_status', d.status)}
      </p>
      <ul>
        <li>{origins.length ? t('incident.supportedBy', { count: origins.length, names: origins.join(', ') }) : t('incident.noSupport')}</li>
        {d.denialClaimIds.length > 0 && (
          <li>
            {t('incident.deniedBy', { count: d.denialClaimIds.length })}
            <ul>
              {d.denialClaimIds.map((id) => {
                const c = byId.get(id);
                const who = c?.speaker ? actorName(c.speaker, lang) : c?.organisation ? actorName(c.organisation, lang) : t('claim.claim');
                return (
                  <li key={id}>
                    {who}: <a href={`#${claimAnchor(id)}`}>{c?.claim.about ?? id}</a>
                  </li>
                );
              })}
            </ul>
          </li>
        )}
      </ul>
      <details>
        <summary>{t('incident.rules')}</summary>
        <ul lang="en">
          {d.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function Timeline({ view }: { view: IncidentView }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const f = useFormat();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('incident.timeline')}</h2>
      {view.timeline.length === 0 ? (
        <p className="muted">{t('incident.noClaims')}</p>
      ) : (
        <ol className="timeline">
          {view.timeline.map((c) => {
            const when = c.source?.publishedAt ? f.day(c.source.publishedAt) : f.dateTime(c.claim.createdAt);
            const who = c.speaker ? actorName(c.speaker, lang) : c.organisation ? actorName(c.organisation, lang) : (c.claim.speakerRole ?? c.source?.outlet ?? t('claim.theSource'));
            return (
              <li key={c.claim.id} className={`stance-${c.claim.stance}`}>
                <span className="timeline-date">{when}</span>{' '}
                <span className={`badge stance-badge stance-${c.claim.stance}`}>{v.label('stance', c.claim.stance)}</span> <strong>{who}</strong>
                {c.relay && <span className="muted"> ({t('claim.via', { name: actorName(c.relay, lang) })})</span>}: <a href={`#${claimAnchor(c.claim.id)}`}>{c.claim.about}</a>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function ReviewBar({ view, onDone }: { view: IncidentView; onDone: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  if (view.incident.review !== 'proposed') return null;
  const decide = async (d: ReviewDecision): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.incidents.review(view.incident.id, d);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice notice-info review-bar">
      <p>{t('incident.proposedNote')}</p>
      <button type="button" disabled={busy} onClick={() => void decide('accepted')}>
        {t('review.accept')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void decide('rejected')}>
        {t('review.reject')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}

export function IncidentPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const f = useFormat();
  const state = useAsync((signal) => api.incidents.view(id, signal), [id]);
  const view = state.data;
  const place = usePlace(view?.incident.placeId);

  if (!view) {
    return (
      <>
        <PageTitle>{t('incident.title')}</PageTitle>
        {state.error !== undefined ? <ErrorNotice error={state.error} onRetry={state.reload} /> : <Loading />}
      </>
    );
  }
  const i = view.incident;
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/incidents">{t('nav.incidents')}</Link> <span aria-hidden="true">›</span>
      </nav>
      <div className="page-head">
        <PageTitle>{i.title}</PageTitle>
        <div className="actions">
          <Link className="button" to={`/incidents/${i.id}/edit`}>
            {t('common.edit')}
          </Link>
          <Link className="button" to={`/claims/new?incidentId=${i.id}`}>
            {t('incident.addClaim')}
          </Link>
        </div>
      </div>
      <p className="status-line">
        <StatusBadge status={i.status} /> <ReviewBadge review={i.review} />
      </p>
      <ReviewBar view={view} onDone={state.reload} />
      <dl className="facts">
        <dt>{t('fields.date')}</dt>
        <dd>
          {f.fuzzyDate(i.date)} <span className="muted">({t('incident.precision', { precision: v.label('date_precision', i.date.precision) })})</span>
        </dd>
        <dt>{t('fields.place')}</dt>
        <dd>{i.placeId ? (place ? placeName(place, lang) : '…') : t('incident.noPlace')}</dd>
        {i.tags.length > 0 && (
          <>
            <dt>{t('fields.tags')}</dt>
            <dd>{i.tags.join(', ')}</dd>
          </>
        )}
      </dl>
      {i.summary && <p className="summary">{i.summary}</p>}

      <Derivation view={view} />

      <section aria-labelledby="acts-title">
        <h2 id="acts-title">{t('incident.acts')}</h2>
        {i.acts.length === 0 && <p className="muted">{t('incident.noActs')}</p>}
        {i.acts.map((a) => (
          <ActSection key={a.id} act={a} claims={view.actClaims[a.id]} onChanged={state.reload} />
        ))}
      </section>

      {view.incidentClaims.supporting.length + view.incidentClaims.denying.length + view.incidentClaims.other.length > 0 && (
        <section aria-labelledby="whole-title">
          <h2 id="whole-title">{t('incident.aboutWhole')}</h2>
          <SideBySide claims={view.incidentClaims} label={t('incident.aboutWhole')} onChanged={state.reload} />
        </section>
      )}

      <Timeline view={view} />
    </>
  );
}
