/** Small building blocks shared by the pages: headings that take focus, status badges, notices. */
import { forwardRef, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useVocab } from '../data.js';

/**
 * The page's h1. It takes focus when the page opens after a navigation, so a screen reader
 * announces the new page and the next Tab starts from its top.
 */
export function PageTitle({ children, focusOnMount = true }: { children: ReactNode; focusOnMount?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount && document.body.dataset.navigated === '1') ref.current?.focus({ preventScroll: false });
  }, [focusOnMount]);
  useEffect(() => {
    const text = ref.current?.textContent;
    if (text) document.title = `${text} · Vigil`;
  });
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const v = useVocab();
  return <span className={`badge status-${status}`}>{v.label('verification_status', status)}</span>;
}

export function ReviewBadge({ review }: { review: string }) {
  const v = useVocab();
  if (review === 'accepted') return null;
  return <span className={`badge review-${review}`}>{v.label('review_state', review)}</span>;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** A failed load or save, in words; the API's message is shown as it came (it names no one). */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let text = t('errors.generic');
  if (isApiError(error)) {
    if (error.code === 'NETWORK') text = t('errors.network');
    else if (error.status === 404) text = t('errors.notFound');
    else if (error.status === 403) text = t('errors.forbidden');
    else text = `${t('errors.server')} (${error.code}): ${error.message}`;
  }
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export const VisuallyHidden = forwardRef<HTMLSpanElement, { children: ReactNode; id?: string }>(function VisuallyHidden({ children, id }, ref) {
  return (
    <span className="visually-hidden" ref={ref} id={id}>
      {children}
    </span>
  );
});
