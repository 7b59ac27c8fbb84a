import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { Pager, pageFrom } from '../components/pager.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { useCollection, useVocab } from '../data.js';
import { useFormat } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link, useLocation } from '../router.js';

const SIZE = 50;

export function SourcesPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const f = useFormat();
  const { current } = useCollection();
  const loc = useLocation();
  const page = pageFrom(loc.search);
  const state = useAsync((signal) => api.sources.list({ collectionId: current?.id, limit: SIZE, offset: (page - 1) * SIZE }, signal), [current?.id, page]);
  return (
    <>
      <div className="page-head">
        <PageTitle>{t('sources.title')}</PageTitle>
        <div className="actions">
          <Link className="button" to="/add-source">
            {t('nav.addSource')}
          </Link>
          <Link className="button" to="/sources/new">
            {t('sources.newByHand')}
          </Link>
        </div>
      </div>
      {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {!state.data && state.loading && <Loading />}
      {state.data && (
        <>
          <p role="status">{t('sources.count', { count: state.data.total })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('fields.title')}</th>
                <th scope="col">{t('fields.kind')}</th>
                <th scope="col">{t('fields.outlet')}</th>
                <th scope="col">{t('fields.publishedAt')}</th>
                <th scope="col">{t('fields.reliability')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/sources/${s.id}/edit`}>{s.title}</Link>
                  </th>
                  <td>{v.label('source_kind', s.kind)}</td>
                  <td>{s.outlet ?? '—'}</td>
                  <td>{s.publishedAt ? f.day(s.publishedAt) : '—'}</td>
                  <td>{s.reliability ? v.label('reliability', s.reliability) : '—'}</td>
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
