import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { actorName } from '../components/inputs.js';
import { Pager, pageFrom } from '../components/pager.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection, useVocab } from '../data.js';
import { useAsync, useDebounced } from '../hooks.js';
import { asLang } from '../i18n/index.js';
import { Link, useLocation } from '../router.js';

const SIZE = 50;

export function ActorsPage() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const v = useVocab();
  const { current } = useCollection();
  const loc = useLocation();
  const page = pageFrom(loc.search);
  const [name, setName] = useState('');
  const q = useDebounced(name.trim(), 200);
  const state = useAsync(
    (signal) => api.actors.list({ collectionId: current?.id, name: q || undefined, limit: SIZE, offset: (page - 1) * SIZE }, signal),
    [current?.id, page, q],
  );
  return (
    <>
      <div className="page-head">
        <PageTitle>{t('actors.title')}</PageTitle>
        <Link className="button" to="/actors/new">
          {t('actors.new')}
        </Link>
      </div>
      <div className="field">
        <label htmlFor="actor-filter">{t('actors.filter')}</label>
        <input id="actor-filter" type="search" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {!state.data && state.loading && <Loading />}
      {state.data && (
        <>
          <p role="status">{t('actors.count', { count: state.data.total })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.kind')}</th>
                <th scope="col">{t('fields.organisationType')}</th>
                <th scope="col">{t('fields.role')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/actors/${a.id}/edit`}>{actorName(a, lang)}</Link>
                  </th>
                  <td>{v.label('actor_kind', a.kind)}</td>
                  <td>{a.organisationType ? v.label('organisation_type', a.organisationType) : '—'}</td>
                  <td>{a.role ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={state.data.total} pageSize={SIZE} />
        </>
      )}
    </>
  );
}
