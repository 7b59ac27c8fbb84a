/**
 * Accessible form fields: every control has a label, its error is tied to it
 * (aria-describedby, aria-invalid) and read out when it appears; a summary at the top lists
 * every error with a link to its field. Drafts live in sessionStorage until saved, so a failed
 * save, a reload or an expired session loses nothing.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import type { FieldError } from '../api/types.js';

export type FieldErrors = Readonly<Record<string, string>>;

/** Field errors by dotted path from a failed save; messages with no field go under `(root)`. */
export function errorsFrom(e: unknown, known: (path: string) => boolean): { fields: FieldErrors; general: string[] } {
  if (!isApiError(e)) return { fields: {}, general: [] };
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const f of e.fields as readonly FieldError[]) {
    if (f.path !== '(root)' && known(f.path)) fields[f.path] = fields[f.path] ? `${fields[f.path]}; ${f.message}` : f.message;
    else general.push(f.path === '(root)' ? f.message : `${f.path}: ${f.message}`);
  }
  if (e.fields.length === 0) general.push(e.message);
  return { fields, general };
}

/** The dom id of a field's control, from its path: `date.end` → `f-date-end`. */
export const fieldId = (path: string): string => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface FieldProps {
  readonly path: string;
  readonly label: ReactNode;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  readonly children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; required?: boolean }) => ReactNode;
}

export function Field({ path, label, error, hint, required, children }: FieldProps) {
  const { t } = useTranslation();
  const id = fieldId(path);
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(required ? { required: true } : {}) })}
      <p className="field-error" id={errId} aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

/** A fieldset whose legend names a group (a date, a count) and whose error is tied to it. */
export function Group({ legend, error, children, path }: { legend: ReactNode; error?: string | undefined; children: ReactNode; path: string }) {
  const errId = `${fieldId(path)}-group-error`;
  return (
    <fieldset className={`group${error ? ' field-invalid' : ''}`} {...(error ? { 'aria-describedby': errId } : {})}>
      <legend>{legend}</legend>
      {children}
      <p className="field-error" id={errId} aria-live="polite">
        {error ?? ''}
      </p>
    </fieldset>
  );
}

/** Every error of a failed save, each a link to its field; it takes focus when it appears. */
export function ErrorSummary({
  fields,
  general,
  labels,
  note,
}: {
  fields: FieldErrors;
  general: readonly string[];
  labels: (path: string) => string;
  /** What else the reader should know (said after the list). */
  note?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const count = Object.keys(fields).length + general.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, fields, general]);
  if (count === 0) return null;
  return (
    <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('form.errorsTitle', { count })}</h2>
      <ul>
        {Object.entries(fields).map(([path, message]) => (
          <li key={path}>
            <a
              href={`#${fieldId(path)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(fieldId(path))?.focus();
              }}
            >
              {labels(path)}: {message}
            </a>
          </li>
        ))}
        {general.map((m, i) => (
          <li key={`g${i}`}>{m}</li>
        ))}
      </ul>
      {note && <p>{note}</p>}
      <p>{t('form.nothingLost')}</p>
    </div>
  );
}

/** Form state kept in sessionStorage under `key` until `clear()` (after a successful save). */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T | ((prev: T) => T)) => void, () => void, boolean] {
  const storageKey = `vigil.draft.${key}`;
  const [restored] = useState(() => {
    try {
      return window.sessionStorage.getItem(storageKey) !== null;
    } catch {
      return false;
    }
  });
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(storageKey);
      if (raw) return JSON.parse(raw) as T;
    } catch {
      // Unreadable draft: start afresh.
    }
    return initial();
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          window.sessionStorage.setItem(storageKey, JSON.stringify(v));
        } catch {
          // Storage full or disabled: the draft lives in memory only.
        }
        return v;
      });
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(storageKey);
    } catch {
      // Nothing to clear.
    }
  }, [storageKey]);
  return [value, set, clear, restored];
}

/** A stable id for ARIA relations inside a component. */
export const useDomId = (prefix: string): string => `${prefix}-${useId().replace(/:/g, '')}`;
