/**
 * People: everyone is shown by pseudonym. Identifying details (names, aliases, birth date,
 * contacts, address) are sealed on the server; a role allowed to see them asks for them with an
 * explicit "reveal", which the server records in the audit log. They are shown until hidden or
 * the page is left, and never stored in the browser.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import type { PersonIdentity, PersonSummary } from '../api/types.js';
import { ErrorSummary, Field, type FieldErrors } from '../components/form.js';
import { useSave } from '../components/save.js';
import { ErrorNotice, Loading, PageTitle } from '../components/ui.js';
import { canReveal, useAuth, useCollection } from '../data.js';
import { useFormat } from '../format.js';
import { useAsync, useDebounced } from '../hooks.js';

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function Reveal({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [identity, setIdentity] = useState<PersonIdentity | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  if (identity) {
    return (
      <div className="revealed" role="region" aria-label={t('people.identityOf', { name: person.pseudonym })}>
        <dl className="facts compact">
          <dt>{t('people.names')}</dt>
          <dd>{identity.names.join(', ') || '—'}</dd>
          <dt>{t('people.aliases')}</dt>
          <dd>{identity.aliases.join(', ') || '—'}</dd>
          <dt>{t('people.birthDate')}</dt>
          <dd>{identity.birthDate ?? '—'}</dd>
          <dt>{t('people.contacts')}</dt>
          <dd>{identity.contacts.join(', ') || '—'}</dd>
          <dt>{t('people.address')}</dt>
          <dd>{identity.address ?? '—'}</dd>
          {identity.notes && (
            <>
              <dt>{t('fields.notes')}</dt>
              <dd>{identity.notes}</dd>
            </>
          )}
        </dl>
        <button type="button" onClick={() => setIdentity(null)}>
          {t('people.hide')}
        </button>
      </div>
    );
  }
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={t('people.revealNamed', { name: person.pseudonym })}>
        {t('people.reveal')}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={t('people.confirmTitle')}>
      <p>{t('people.confirm', { name: person.pseudonym })}</p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          api.persons.reveal(person.id).then(
            (r) => {
              setBusy(false);
              setConfirming(false);
              setIdentity(r);
            },
            (e: unknown) => {
              setBusy(false);
              setError(e);
            },
          );
        }}
      >
        {t('people.revealConfirm')}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        {t('form.cancel')}
      </button>
      {error !== undefined &&
        (isApiError(error) && error.status === 403 ? (
          <p className="notice notice-error" role="alert">
            {t('people.notAllowed')}
          </p>
        ) : (
          <ErrorNotice error={error} />
        ))}
    </div>
  );
}

function NewPerson({ collectionId, onCreated }: { collectionId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const empty = { pseudonym: '', names: '', aliases: '', birthDate: '', contacts: '', address: '', notes: '' };
  const [d, setD] = useState(empty);
  const set = (k: keyof typeof empty, value: string): void => setD((p) => ({ ...p, [k]: value }));
  const save = useSave(
    () =>
      api.persons.create({
        collectionId,
        pseudonym: d.pseudonym.trim(),
        names: lines(d.names),
        aliases: lines(d.aliases),
        contacts: lines(d.contacts),
        ...(d.birthDate ? { birthDate: d.birthDate } : {}),
        ...(d.address.trim() ? { address: d.address.trim() } : {}),
        ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
      }),
    () => {
      setD(empty);
      onCreated();
    },
    (): FieldErrors => (d.pseudonym.trim() ? {} : { pseudonym: t('form.requiredField') }),
  );
  const e = save.fields;
  return (
    <form onSubmit={save.submit} noValidate className="record-form">
      <ErrorSummary fields={e} general={save.general} labels={save.labelFor} />
      <p className="notice notice-info">{t('people.sealedNote')}</p>
      <Field path="pseudonym" label={t('people.pseudonym')} error={e['pseudonym']} required hint={t('people.pseudonymHint')}>
        {(c) => <input {...c} type="text" autoComplete="off" value={d.pseudonym} onChange={(ev) => set('pseudonym', ev.target.value)} />}
      </Field>
      <Field path="names" label={t('people.names')} error={e['names']} hint={t('people.oneALine')}>
        {(c) => <textarea {...c} rows={2} autoComplete="off" value={d.names} onChange={(ev) => set('names', ev.target.value)} />}
      </Field>
      <Field path="aliases" label={t('people.aliases')} error={e['aliases']} hint={t('people.oneALine')}>
        {(c) => <textarea {...c} rows={2} autoComplete="off" value={d.aliases} onChange={(ev) => set('aliases', ev.target.value)} />}
      </Field>
      <Field path="birthDate" label={t('people.birthDate')} error={e['birthDate']}>
        {(c) => <input {...c} type="date" value={d.birthDate} onChange={(ev) => set('birthDate', ev.target.value)} />}
      </Field>
      <Field path="contacts" label={t('people.contacts')} error={e['contacts']} hint={t('people.oneALine')}>
        {(c) => <textarea {...c} rows={2} autoComplete="off" value={d.contacts} onChange={(ev) => set('contacts', ev.target.value)} />}
      </Field>
      <Field path="address" label={t('people.address')} error={e['address']}>
        {(c) => <input {...c} type="text" autoComplete="off" value={d.address} onChange={(ev) => set('address', ev.target.value)} />}
      </Field>
      <Field path="notes" label={t('fields.notes')} error={e['notes']}>
        {(c) => <textarea {...c} rows={2} value={d.notes} onChange={(ev) => set('notes', ev.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('form.saving') : t('people.add')}
        </button>
      </div>
    </form>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const auth = useAuth();
  const { current } = useCollection();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 200);
  const [adding, setAdding] = useState(false);
  const state = useAsync((signal) => api.persons.list({ collectionId: current?.id, pseudonym: query || undefined, limit: 200 }, signal), [current?.id, query]);
  const unavailable = isApiError(state.error) && state.error.status === 404;
  const reveal = canReveal(auth);
  return (
    <>
      <div className="page-head">
        <PageTitle>{t('people.title')}</PageTitle>
        {!unavailable && current && (
          <button type="button" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            {t('people.new')}
          </button>
        )}
      </div>
      <p className="lead">{t('people.intro')}</p>
      {unavailable && (
        <p className="notice notice-info" role="status">
          {t('people.unavailable')}
        </p>
      )}
      {adding && current && (
        <NewPerson
          collectionId={current.id}
          onCreated={() => {
            setAdding(false);
            state.reload();
          }}
        />
      )}
      {!unavailable && (
        <>
          <div className="field">
            <label htmlFor="people-search">{t('people.search')}</label>
            <input id="people-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
          {!state.data && state.loading && <Loading />}
          {state.data && (
            <table className="table">
              <caption className="visually-hidden">{t('people.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.pseudonym')}</th>
                  <th scope="col">{t('people.added')}</th>
                  <th scope="col">{t('people.identity')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.pseudonym}</th>
                    <td>{f.dateTime(p.createdAt)}</td>
                    <td>{reveal ? <Reveal person={p} /> : <span className="muted">{t('people.roleCannotReveal')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
