import { useState } from 'react';
import { useGraphiQL, useGraphiQLActions } from '@graphiql/react';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
}

/** The header editor's JSON with Authorization replaced; other headers are kept. */
export function withAuthorization(current: string | undefined, token: string): string {
  let headers: Record<string, unknown> = {};
  try {
    const parsed = current && current.trim() ? JSON.parse(current) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed;
  } catch {
    // not JSON (e.g. half edited): start again with the token only
  }
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
  return JSON.stringify({ ...headers, Authorization: `Bearer ${token}` }, null, 2);
}

/**
 * 演示账号 (demo accounts), in development only: picking one asks the server for a fresh token
 * signed with the development secret and writes it into the header editor.
 */
export function DemoAccountPicker({ accounts, tokenUrl }: { accounts: DemoAccount[]; tokenUrl: string }) {
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const { updateActiveTabValues } = useGraphiQLActions();
  const [selected, setSelected] = useState('');
  const [status, setStatus] = useState('');

  async function pick(username: string) {
    setSelected(username);
    if (!username) return;
    setStatus('…');
    try {
      const res = await fetch(`${tokenUrl}?account=${encodeURIComponent(username)}`, { headers: { accept: 'application/json' }, credentials: 'omit' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { token } = (await res.json()) as { token: string };
      const headers = withAuthorization(headerEditor?.getValue(), token);
      if (headerEditor) headerEditor.setValue(headers);
      updateActiveTabValues({ headers });
      setStatus(`令牌已填入 (token for ${username} in the headers)`);
    } catch (e) {
      setStatus(`取令牌失败 (could not get a token: ${e instanceof Error ? e.message : String(e)})`);
    }
  }

  return (
    <div className="lz-picker">
      <label>
        演示账号 (demo account){' '}
        <select data-testid="demo-account" value={selected} onChange={(e) => void pick(e.target.value)}>
          <option value="">—</option>
          {accounts.map((a) => (
            <option key={a.username} value={a.username}>
              {a.username} · {a.displayName} ({a.role})
            </option>
          ))}
        </select>
      </label>
      <span className="lz-picker-status" data-testid="demo-account-status" role="status">
        {status}
      </span>
    </div>
  );
}
