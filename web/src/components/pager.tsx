import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.js';
import { Link, useLocation, withQuery } from '../router.js';

/** Previous / next links over `?page=`, with "page n of m". */
export function Pager({ total, pageSize }: { total: number; pageSize: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const loc = useLocation();
  const page = Math.max(1, Number(loc.search.get('page') ?? '1') || 1);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('incidents.pages')}>
      {page > 1 ? <Link to={withQuery(loc, { page: page - 1 === 1 ? null : page - 1 })}>{t('incidents.previous')}</Link> : <span />}
      <span>{t('incidents.pageOf', { page: f.number(page), pages: f.number(pages) })}</span>
      {page < pages ? <Link to={withQuery(loc, { page: page + 1 })}>{t('incidents.next')}</Link> : <span />}
    </nav>
  );
}

export const pageFrom = (search: URLSearchParams): number => Math.max(1, Number(search.get('page') ?? '1') || 1);
