/** Sign in with a password and the second factor (a code from the authenticator app). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import { Field } from '../components/form.js';
import { PageTitle } from '../components/ui.js';
import { useAuth } from '../data.js';
import { navigate, useLocation } from '../router.js';

/** Only a path of this app: never an absolute URL another site could slip in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    api.auth.signIn({ email: email.trim(), password, code: code.replace(/\s+/g, '') }).then(
      (r) => {
        setBusy(false);
        auth.signedIn(r.user, r.csrfToken);
        navigate(safeNext(search.get('next')), { replace: true });
      },
      (err: unknown) => {
        setBusy(false);
        setPassword('');
        setCode('');
        // One message for any wrong part: telling which would help a guesser.
        if (isApiError(err) && err.code === 'THROTTLED') setError(t('auth.throttled'));
        else if (isApiError(err) && (err.code === 'SIGN_IN_FAILED' || err.status === 401)) setError(t('auth.failed'));
        else if (isApiError(err) && err.status === 404) setError(t('auth.unavailable'));
        else setError(t('errors.generic'));
      },
    );
  };

  return (
    <>
      <PageTitle>{t('auth.signInTitle')}</PageTitle>
      <form onSubmit={submit} className="record-form narrow" noValidate>
        <div role="alert" className={error ? 'notice notice-error' : undefined}>
          {error}
        </div>
        <Field path="email" label={t('auth.email')} required>
          {(c) => <input {...c} type="email" autoComplete="username" value={email} onChange={(ev) => setEmail(ev.target.value)} />}
        </Field>
        <Field path="password" label={t('auth.password')} required>
          {(c) => <input {...c} type="password" autoComplete="current-password" value={password} onChange={(ev) => setPassword(ev.target.value)} />}
        </Field>
        <Field path="code" label={t('auth.code')} required hint={t('auth.codeHint')}>
          {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(ev) => setCode(ev.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
        </div>
      </form>
    </>
  );
}
