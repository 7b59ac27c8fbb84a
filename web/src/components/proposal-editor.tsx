/**
 * Editing a proposal in place on "Add a source", with the record forms' own inputs: for an act,
 * its type, figure, date, place, perpetrators, victims and (once per incident) the incident's
 * title and summary; for a statement, who made it, their role, the stance, the quote and who
 * relayed it. The changes are a draft until the page saves them (web/src/proposal-edits.ts).
 */
import { useTranslation } from 'react-i18next';
import type { ExtractedIncident, ExtractedStatement } from '../api/types.js';
import { placeName, usePlace } from '../data.js';
import { asLang } from '../i18n/index.js';
import { incidentValues, statementValues, type IncidentEdit, type StatementEdit } from '../proposal-edits.js';
import type { ItemKey } from '../review-plan.js';
import { Field, type FieldErrors } from './form.js';
import { CountInput, FuzzyDateInput, PlacePicker, VocabSelect } from './inputs.js';

/** A place's name in the reader's language ('…' while it loads). */
export function PlaceName({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const place = usePlace(id);
  return <>{place ? placeName(place, asLang(i18n.language)) : '…'}</>;
}

function EditorActions({ onDone, onUndo, edited }: { onDone: () => void; onUndo: () => void; edited: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="editor-actions">
      <button type="button" onClick={onDone}>
        {t('addSource.doneEditing')}
      </button>{' '}
      <button type="button" onClick={onUndo} disabled={!edited}>
        {t('addSource.undoChanges')}
      </button>
    </p>
  );
}

export function IncidentEditor({
  itemKey,
  item,
  edit,
  onChange,
  errors,
  what,
  incidentFields,
  edited,
  onDone,
  onUndo,
}: {
  itemKey: ItemKey;
  item: ExtractedIncident;
  edit: IncidentEdit | undefined;
  onChange: (next: IncidentEdit) => void;
  errors: FieldErrors;
  /** How the proposal is named ("Detention: 40"), for the legend. */
  what: string;
  /** The incident's title and summary are edited here (on its first act), with the other acts it holds. */
  incidentFields: { others: string } | null;
  edited: boolean;
  onDone: () => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  const v = incidentValues(item, edit);
  const set = <K extends keyof IncidentEdit>(k: K, value: IncidentEdit[K]): void => onChange({ ...(edit ?? {}), [k]: value });
  const p = (field: string): string => `${itemKey}.${field}`;
  const proposedPlace = item.location.text ?? item.location.place ?? item.location.country;
  return (
    <fieldset className="group item-editor" id={`editor-${itemKey}`}>
      <legend>{t('addSource.editorFor', { what })}</legend>
      <Field path={p('act')} label={t('fields.type')} error={errors[p('act')]} required>
        {(c) => <VocabSelect vocabulary="act_type" value={v.act} control={c} onChange={(x) => set('act', x ?? item.act)} />}
      </Field>
      <CountInput path={p('count')} legend={t('addSource.figure')} value={v.count} onChange={(x) => set('count', x)} errors={errors} />
      <FuzzyDateInput path={p('date')} legend={t('fields.date')} value={v.date} onChange={(x) => set('date', x)} errors={errors} />
      <Field
        path={p('placeId')}
        label={t('fields.place')}
        error={errors[p('placeId')]}
        hint={v.placeId === undefined ? (proposedPlace ? t('addSource.proposedPlace', { place: proposedPlace }) : t('addSource.noProposedPlace')) : t('form.placeHint')}
      >
        {(c) => <PlacePicker control={c} value={v.placeId ?? null} onChange={(x) => set('placeId', x)} />}
      </Field>
      {v.placeId !== undefined && (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const { placeId: _drop, ...rest } = edit ?? {};
              onChange(rest);
            }}
          >
            {t('addSource.useProposedPlace')}
          </button>
        </p>
      )}
      <Field path={p('perpetrator')} label={t('fields.perpetrators')} error={errors[p('perpetrator')]}>
        {(c) => <input {...c} type="text" value={v.perpetrator} onChange={(ev) => set('perpetrator', ev.target.value)} />}
      </Field>
      <Field path={p('victims')} label={t('fields.victims')} error={errors[p('victims')]} hint={t('form.victimsHint')}>
        {(c) => <input {...c} type="text" value={v.victims} onChange={(ev) => set('victims', ev.target.value)} />}
      </Field>
      {incidentFields && (
        <>
          <p className="hint">{incidentFields.others ? t('addSource.incidentHolds', { acts: incidentFields.others }) : t('addSource.incidentAlone')}</p>
          <Field path={p('title')} label={t('addSource.incidentTitle')} error={errors[p('title')]} hint={t('addSource.titleHint')}>
            {(c) => <input {...c} type="text" value={v.title} onChange={(ev) => set('title', ev.target.value)} />}
          </Field>
          <Field path={p('summary')} label={t('addSource.incidentSummary')} error={errors[p('summary')]} hint={t('addSource.summaryHint')}>
            {(c) => <textarea {...c} rows={3} value={v.summary} onChange={(ev) => set('summary', ev.target.value)} />}
          </Field>
        </>
      )}
      <EditorActions onDone={onDone} onUndo={onUndo} edited={edited} />
    </fieldset>
  );
}

export function StatementEditor({
  itemKey,
  item,
  edit,
  onChange,
  errors,
  what,
  edited,
  onDone,
  onUndo,
}: {
  itemKey: ItemKey;
  item: ExtractedStatement;
  edit: StatementEdit | undefined;
  onChange: (next: StatementEdit) => void;
  errors: FieldErrors;
  what: string;
  edited: boolean;
  onDone: () => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  const v = statementValues(item, edit);
  const set = <K extends keyof StatementEdit>(k: K, value: StatementEdit[K]): void => onChange({ ...(edit ?? {}), [k]: value });
  const p = (field: string): string => `${itemKey}.${field}`;
  return (
    <fieldset className="group item-editor" id={`editor-${itemKey}`}>
      <legend>{t('addSource.editorFor', { what })}</legend>
      <div className="row">
        <Field path={p('speaker')} label={t('addSource.speaker')} error={errors[p('speaker')]} hint={t('addSource.speakerHint')}>
          {(c) => <input {...c} type="text" value={v.speaker} onChange={(ev) => set('speaker', ev.target.value)} />}
        </Field>
        <Field path={p('organisation')} label={t('addSource.organisation')} error={errors[p('organisation')]} hint={t('addSource.organisationHint')}>
          {(c) => <input {...c} type="text" value={v.organisation} onChange={(ev) => set('organisation', ev.target.value)} />}
        </Field>
      </div>
      <Field path={p('role')} label={t('fields.role')} error={errors[p('role')]} hint={t('addSource.roleHint')}>
        {(c) => <input {...c} type="text" value={v.role} onChange={(ev) => set('role', ev.target.value)} />}
      </Field>
      <Field path={p('stance')} label={t('fields.stance')} error={errors[p('stance')]} required>
        {(c) => <VocabSelect vocabulary="stance" value={v.stance} control={c} onChange={(x) => set('stance', x ?? item.stance)} />}
      </Field>
      <Field path={p('quote')} label={t('fields.quote')} error={errors[p('quote')]}>
        {(c) => <textarea {...c} rows={3} value={v.quote} onChange={(ev) => set('quote', ev.target.value)} />}
      </Field>
      <Field path={p('relay')} label={t('fields.relay')} error={errors[p('relay')]} hint={t('addSource.relayHint')}>
        {(c) => <input {...c} type="text" value={v.relay} onChange={(ev) => set('relay', ev.target.value)} />}
      </Field>
      <EditorActions onDone={onDone} onUndo={onUndo} edited={edited} />
    </fieldset>
  );
}
