/** Submitting a form: busy state, field errors from the API's 400 body, and a summary. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsFrom, fieldId, type FieldErrors } from './form.js';

export interface SaveState {
  readonly busy: boolean;
  readonly fields: FieldErrors;
  readonly general: readonly string[];
  submit(e: FormEvent): void;
  /** A label for an error path, for the summary (`acts.1.type` → "Act 2 · Act type"). */
  labelFor(path: string): string;
}

export function useSave<T>(save: () => Promise<T>, onSaved: (result: T) => void, validate?: () => FieldErrors): SaveState {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const labelFor = (path: string): string =>
    path
      .split('.')
      .map((seg) => {
        if (/^\d+$/.test(seg)) return String(Number(seg) + 1);
        const key = `fields.${seg}`;
        const label = t(key);
        return label === key ? seg : label;
      })
      .join(' · ');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    const local = validate?.() ?? {};
    if (Object.keys(local).length > 0) {
      setFields(local);
      setGeneral([]);
      return;
    }
    setBusy(true);
    setGeneral([]);
    save().then(
      (r) => {
        setBusy(false);
        setFields({});
        onSaved(r);
      },
      (err: unknown) => {
        setBusy(false);
        // Every field path the server names is shown at its field when the form has one.
        const { fields: f, general: g } = errorsFrom(err, (p) => document.getElementById(fieldId(p)) !== null || document.getElementById(`${fieldId(p)}-group-error`) !== null);
        setFields(f);
        setGeneral(g.length || Object.keys(f).length ? g : [t('errors.generic')]);
      },
    );
  };
  return { busy, fields, general, submit, labelFor };
}
