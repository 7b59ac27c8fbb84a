/**
 * First run: create the administrator. The recovery key, the second-factor secret and the
 * recovery codes are shown once, here, and never again; the reader confirms they saved them.
 * None of it is kept in the browser's storage.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { SetupResult } from '../api/types.js';
import { ErrorSummary, Field, type FieldErrors } from '../components/form.js';
import { useSave } from '../components/save.js';
import { PageTitle } from '../components/ui.js';
import { useAuth } from '../data.js';
import { navigate } from '../router.js';

const MIN_PASSWORD = 12;

export function SetupPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [result, setResult] = useState<SetupResult | null>(null);
  const [saved, setSaved] = useState(false);
  const secretsHeading = useRef<HTMLHeadingElement>(null);

  const save = useSave(
    () => api.auth.setup({ email: email.trim(), displayName: displayName.trim(), password }),
    (r) => {
      setResult(r);
      setPassword('');
      setConfirm('');
      window.setTimeout(() => secretsHeading.current?.focus(), 0);
    },
    (): FieldErrors => {
      const e: Record<string, string> = {};
      if (!email.trim()) e['email'] = t('form.requiredField');
      if (!displayName.trim()) e['displayName'] = t('form.requiredField');
      if (password.length < MIN_PASSWORD) e['password'] = t('setup.passwordTooShort', { n: MIN_PASSWORD });
      else if (password !== confirm) e['confirm'] = t('setup.passwordsDiffer');
      return e;
    },
  );

  if (!auth.loading && auth.available && !auth.setupRequired && !result) {
    return (
      <>
        <PageTitle>{t('setup.title')}</PageTitle>
        <p>{t('setup.alreadyDone')}</p>
      </>
    );
  }

  if (result) {
    return (
      <>
        <PageTitle focusOnMount={false}>{t('setup.title')}</PageTitle>
        <section aria-labelledby="secrets-title" className="secrets">
          <h2 id="secrets-title" ref={secretsHeading} tabIndex={-1}>
            {t('setup.secretsTitle')}
          </h2>
          <p className="notice notice-warn">{t('setup.secretsWarning')}</p>
          <h3>{t('setup.recoveryKey')}</h3>
          <p className="hint">{t('setup.recoveryKeyHint')}</p>
          <pre className="secret" data-testid="recovery-key" tabIndex={0}>
            {result.recoveryKey}
          </pre>
          <h3>{t('setup.totp')}</h3>
          <p className="hint">{t('setup.totpHint')}</p>
          <dl className="facts">
            <dt>{t('setup.totpSecret')}</dt>
            <dd>
              <code className="secret" data-testid="totp-secret">
                {result.totp.secret}
              </code>
            </dd>
            <dt>{t('setup.totpUri')}</dt>
            <dd>
              <code className="secret wrap">{result.totp.uri}</code>
            </dd>
          </dl>
          <h3>{t('setup.recoveryCodes')}</h3>
          <ul className="codes" data-testid="recovery-codes">
            {result.recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <div className="field checkbox">
            <input id="saved-secrets" type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
            <label htmlFor="saved-secrets">{t('setup.iHaveSaved')}</label>
          </div>
          <button
            type="button"
            className="primary"
            disabled={!saved}
            onClick={() => {
              setResult(null);
              void auth.refresh().then(() => navigate('/sign-in'));
            }}
          >
            {t('setup.continue')}
          </button>
        </section>
      </>
    );
  }

  const e = save.fields;
  return (
    <>
      <PageTitle>{t('setup.title')}</PageTitle>
      <p className="lead">{t('setup.intro')}</p>
      <form onSubmit={save.submit} noValidate className="record-form narrow">
        <ErrorSummary fields={e} general={save.general} labels={save.labelFor} />
        <Field path="email" label={t('auth.email')} error={e['email']} required>
          {(c) => <input {...c} type="email" autoComplete="username" value={email} onChange={(ev) => setEmail(ev.target.value)} />}
        </Field>
        <Field path="displayName" label={t('setup.displayName')} error={e['displayName']} required>
          {(c) => <input {...c} type="text" autoComplete="name" value={displayName} onChange={(ev) => setDisplayName(ev.target.value)} />}
        </Field>
        <Field path="password" label={t('auth.password')} error={e['password']} required hint={t('setup.passwordHint', { n: MIN_PASSWORD })}>
          {(c) => <input {...c} type="password" autoComplete="new-password" value={password} onChange={(ev) => setPassword(ev.target.value)} />}
        </Field>
        <Field path="confirm" label={t('setup.confirm')} error={e['confirm']} required>
          {(c) => <input {...c} type="password" autoComplete="new-password" value={confirm} onChange={(ev) => setConfirm(ev.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? t('form.saving') : t('setup.create')}
          </button>
        </div>
      </form>
    </>
  );
}
