/**
 * Inputs for the record's own kinds of value: vocabulary pickers (labels in the reader's
 * language), fuzzy dates, counts with their qualifier, and search-as-you-type pickers for places
 * (the gazetteer) and actors. The pickers follow the ARIA combobox pattern.
 */
import { useEffect, useEffectEvent, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Actor, Count, FuzzyDate } from '../api/types.js';
import { placeName, useCollection, usePlace, useVocab } from '../data.js';
import { useDebounced, useFetched } from '../hooks.js';
import { asLang } from '../i18n/index.js';
import { Field, Group, fieldId, type FieldErrors } from './form.js';

/** Kept here for the forms that import it from the inputs. */
export { completeDate } from '../dates.js';

type ControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; required?: boolean };

export function VocabSelect({
  vocabulary,
  value,
  onChange,
  control,
  emptyLabel,
}: {
  vocabulary: string;
  value: string | null;
  onChange: (code: string | null) => void;
  control: ControlProps;
  /** When given, an empty choice with this label is offered (the value is then nullable). */
  emptyLabel?: string;
}) {
  const v = useVocab();
  return (
    <select {...control} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {emptyLabel === undefined && value === null && <option value="">—</option>}
      {v.terms(vocabulary).map((term) => (
        <option key={term.code} value={term.code}>
          {v.label(vocabulary, term.code)}
        </option>
      ))}
    </select>
  );
}

export function FuzzyDateInput({ path, legend, value, onChange, errors }: { path: string; legend: string; value: FuzzyDate; onChange: (d: FuzzyDate) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const unknown = value.precision === 'unknown';
  return (
    <Group legend={legend} path={path} error={errors[path]}>
      <div className="row">
        <Field path={`${path}.precision`} label={t('fields.precision')} error={errors[`${path}.precision`]}>
          {(c) => (
            <VocabSelect
              vocabulary="date_precision"
              value={value.precision}
              control={c}
              onChange={(p) => {
                const precision = (p ?? 'unknown') as FuzzyDate['precision'];
                onChange(precision === 'unknown' ? { start: null, end: null, precision } : { ...value, precision });
              }}
            />
          )}
        </Field>
        {!unknown && (
          <>
            <Field path={`${path}.start`} label={t('fields.dateStart')} error={errors[`${path}.start`]} required>
              {(c) => <input {...c} type="date" value={value.start ?? ''} onChange={(e) => onChange({ ...value, start: e.target.value || null })} />}
            </Field>
            <Field path={`${path}.end`} label={t('fields.dateEnd')} error={errors[`${path}.end`]} hint={t('fields.dateEndHint')}>
              {(c) => <input {...c} type="date" value={value.end ?? ''} onChange={(e) => onChange({ ...value, end: e.target.value || null })} />}
            </Field>
          </>
        )}
      </div>
    </Group>
  );
}

export function CountInput({ path, legend, value, onChange, errors }: { path: string; legend: string; value: Count | null; onChange: (c: Count | null) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));
  return (
    <Group legend={legend} path={path} error={errors[path]}>
      <div className="row">
        <Field path={`${path}.qualifier`} label={t('fields.qualifier')} error={errors[`${path}.qualifier`]}>
          {(c) => (
            <VocabSelect
              vocabulary="count_qualifier"
              value={value?.qualifier ?? null}
              control={c}
              emptyLabel={t('fields.noFigure')}
              onChange={(q) => {
                if (q === null) return onChange(null);
                const qualifier = q as Count['qualifier'];
                if (qualifier === 'range') onChange({ qualifier, value: null, min: value?.min ?? value?.value ?? null, max: value?.max ?? null });
                else if (qualifier === 'unspecified') onChange({ qualifier, value: null, min: null, max: null });
                else onChange({ qualifier, value: value?.value ?? value?.min ?? null, min: null, max: null });
              }}
            />
          )}
        </Field>
        {value && value.qualifier !== 'range' && value.qualifier !== 'unspecified' && (
          <Field path={`${path}.value`} label={t('fields.number')} error={errors[`${path}.value`]} required>
            {(c) => <input {...c} type="number" min={0} step={1} inputMode="numeric" value={value.value ?? ''} onChange={(e) => onChange({ ...value, value: num(e.target.value) })} />}
          </Field>
        )}
        {value?.qualifier === 'range' && (
          <>
            <Field path={`${path}.min`} label={t('fields.min')} error={errors[`${path}.min`]} required>
              {(c) => <input {...c} type="number" min={0} step={1} inputMode="numeric" value={value.min ?? ''} onChange={(e) => onChange({ ...value, min: num(e.target.value) })} />}
            </Field>
            <Field path={`${path}.max`} label={t('fields.max')} error={errors[`${path}.max`]} required>
              {(c) => <input {...c} type="number" min={0} step={1} inputMode="numeric" value={value.max ?? ''} onChange={(e) => onChange({ ...value, max: num(e.target.value) })} />}
            </Field>
          </>
        )}
      </div>
    </Group>
  );
}

interface Option {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

/** A text box that searches as you type and offers a list to pick from (ARIA 1.2 combobox). */
function Combobox({
  control,
  selectedLabel,
  search,
  onPick,
  onClear,
}: {
  control: ControlProps;
  selectedLabel: string | null;
  search: (text: string, signal: AbortSignal) => Promise<Option[]>;
  onPick: (o: Option) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<{ query: string; options: Option[] }>({ query: '', options: [] });
  const [active, setActive] = useState(-1);
  const debounced = useDebounced(text.trim(), 150);
  const listId = `${control.id}-list`;
  const find = useEffectEvent((q: string, signal: AbortSignal) => search(q, signal));

  useEffect(() => {
    if (!open || debounced === '') return;
    const ctrl = new AbortController();
    find(debounced, ctrl.signal).then(
      (o) => {
        if (!ctrl.signal.aborted) {
          setFound({ query: debounced, options: o });
          setActive(o.length ? 0 : -1);
        }
      },
      () => undefined,
    );
    return () => ctrl.abort();
  }, [debounced, open]);
  const options = open && debounced !== '' && found.query === debounced ? found.options : [];

  const pick = (o: Option): void => {
    onPick(o);
    setText('');
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const expanded = open && options.length > 0;
  return (
    <div className="combobox">
      {selectedLabel && (
        <p className="combobox-selected">
          <span>{selectedLabel}</span>{' '}
          <button type="button" className="link-button" onClick={onClear} aria-label={t('form.clearChoice', { name: selectedLabel })}>
            {t('form.clear')}
          </button>
        </p>
      )}
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        {...(expanded && active >= 0 ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        placeholder={selectedLabel ? t('form.typeToChange') : t('form.typeToSearch')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o);
            }}
          >
            {o.label}
            {o.detail && <span className="muted"> · {o.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PlacePicker({ value, onChange, control }: { value: string | null; onChange: (id: string | null) => void; control: ControlProps }) {
  const { i18n } = useTranslation();
  const v = useVocab();
  const lang = asLang(i18n.language);
  const place = usePlace(value);
  return (
    <Combobox
      control={control}
      selectedLabel={value ? (place ? placeName(place, lang) : '…') : null}
      search={async (text, signal) => {
        const r = await api.places.list({ name: text, limit: 12 }, signal);
        return r.items.map((p) => ({ id: p.id, label: placeName(p, lang), detail: [v.label('place_kind', p.kind), p.regionCode ?? p.countryCode].join(', ') }));
      }}
      onPick={(o) => onChange(o.id)}
      onClear={() => onChange(null)}
    />
  );
}

export function actorName(a: Pick<Actor, 'name' | 'nameRu'>, lang: 'en' | 'ru'): string {
  return lang === 'ru' ? (a.nameRu ?? a.name) : a.name;
}

export function ActorPicker({ value, onChange, control, kind }: { value: string | null; onChange: (id: string | null) => void; control: ControlProps; kind?: 'person' | 'organisation' }) {
  const { i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const { current } = useCollection();
  const actor = useFetched(value, api.actors.get);
  return (
    <Combobox
      control={control}
      selectedLabel={value ? (actor ? actorName(actor, lang) : '…') : null}
      search={async (text, signal) => {
        const r = await api.actors.list({ name: text, limit: 12, collectionId: current?.id, kind }, signal);
        return r.items.map((a) => ({ id: a.id, label: actorName(a, lang), ...(a.role ? { detail: a.role } : {}) }));
      }}
      onPick={(o) => onChange(o.id)}
      onClear={() => onChange(null)}
    />
  );
}

/** Focuses the first invalid control after a failed save (the summary links there too). */
export function focusField(path: string): void {
  document.getElementById(fieldId(path))?.focus();
}
