/**
 * Audit (administrators): the append-only log of who did what to which record (never the values),
 * filterable by action and by account, with the hash chain's verification status.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import { Pager, pageFrom } from '../components/pager.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useFormat } from '../format.js';
import { useAsync, useDebounced } from '../hooks.js';
import { navigate, useLocation, withQuery } from '../router.js';

const SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const loc = useLocation();
  const page = pageFrom(loc.search);
  const [action, setAction] = useState(loc.search.get('action') ?? '');
  const [actorId, setActorId] = useState(loc.search.get('actorId') ?? '');
  const a = useDebounced(action.trim(), 250);
  const who = useDebounced(actorId.trim(), 250);
  const verify = useAsync(() => api.audit.verify(), []);
  const log = useAsync((signal) => api.audit.list({ limit: SIZE, offset: (page - 1) * SIZE, action: a || undefined, actorId: UUID.test(who) ? who : undefined }, signal), [page, a, who]);
  const unavailable = isApiError(log.error) && log.error.status === 404;
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      {unavailable ? (
        <p className="notice notice-info" role="status">
          {t('audit.unavailable')}
        </p>
      ) : (
        <>
          <section aria-labelledby="chain-title" className="card">
            <h2 id="chain-title">{t('audit.chain')}</h2>
            {verify.loading && <Loading />}
            {verify.data &&
              (verify.data.ok ? (
                <p className="notice notice-success" role="status" data-testid="chain-status">
                  {t('audit.chainOk', { count: verify.data.checkedRows })}
                </p>
              ) : (
                <p className="notice notice-error" role="alert" data-testid="chain-status">
                  {t('audit.chainBroken', { seq: verify.data.firstBadSeq ?? '?', reason: verify.data.reason ?? '' })}
                </p>
              ))}
            {verify.error !== undefined && !unavailable && <ErrorNotice error={verify.error} onRetry={verify.reload} />}
          </section>
          <form
            className="row filters"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(withQuery(loc, { action: action.trim(), actorId: actorId.trim(), page: null }));
            }}
          >
            <div className="field">
              <label htmlFor="audit-action">{t('audit.action')}</label>
              <input id="audit-action" type="text" value={action} onChange={(e) => setAction(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="audit-actor">{t('audit.actor')}</label>
              <input id="audit-actor" type="text" aria-describedby="audit-actor-hint" value={actorId} onChange={(e) => setActorId(e.target.value)} />
              <p className="hint" id="audit-actor-hint">
                {t('audit.actorHint')}
              </p>
            </div>
          </form>
          {log.error !== undefined && <ErrorNotice error={log.error} onRetry={log.reload} />}
          {!log.data && log.loading && <Loading />}
          {log.data && (
            <>
              <table className="table" data-testid="audit-log">
                <caption className="visually-hidden">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entity')}</th>
                    <th scope="col">{t('audit.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((row) => (
                    <tr key={row.seq}>
                      <td className="num">{f.number(row.seq)}</td>
                      <td>{f.dateTime(row.at)}</td>
                      <td>
                        <code>{row.actorId ?? '—'}</code>
                      </td>
                      <td>{row.action}</td>
                      <td>
                        {row.entity ?? '—'} {row.entityId && <code>{row.entityId}</code>}
                      </td>
                      <td>{row.outcome}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager total={log.data.total} pageSize={SIZE} />
            </>
          )}
        </>
      )}
    </>
  );
}
