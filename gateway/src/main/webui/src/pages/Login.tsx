// The login page: the gateway answers with an HttpOnly session cookie, which also carries the
// dashboard's WebSockets and downloads (a browser sets no headers on either).
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { call, type Me } from '../api';
import { ErrorBox } from '../components/ui';

export function Login({ onLogin }: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () =>
      call<Me>('/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.trim(), password }),
      }),
    onSuccess: onLogin,
  });
  // still busy once logged in: the page is about to be replaced by the dashboard
  const busy = login.isPending || login.isSuccess;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <p className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Fleetsynth
        </p>
        <h1 id="login-title">Log in</h1>
        <div className="field">
          <label htmlFor="login-user">User name</label>
          <input id="login-user" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorBox error={login.error} title="Not logged in" />
        <button type="submit" disabled={busy || !username || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted">
          On a new installation the user is <code>admin</code>; <code>./fleetsynth up</code> printed its password on the first start (it is kept in{' '}
          <code>data/auth/admin-password</code>). Admins add users with their roles: viewers read, operators also run jobs and upload, admins also manage users
          and delete machines.
        </p>
      </form>
    </main>
  );
}
