import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createFetcher } from './fetcher';
import { DemoAccountPicker, type DemoAccount } from './demo-accounts';

/** What the server tells the page (GET /graphql/ide/config.json). */
interface IdeConfig {
  endpoint: string;
  /** Present in development only, when tokens may be signed with the development secret. */
  demoAccounts?: DemoAccount[];
  devTokenUrl?: string;
}

const DEFAULT_QUERY = `# 廉政 (Lianzheng) GraphQL API
#
# 请求头 (Headers) 里放令牌: { "Authorization": "Bearer <token>" }
# 文档 (Docs) 按钮浏览整个模式 (the schema, described in Chinese and English).
# Ctrl-Enter 执行 (run).

query Viewer {
  viewer {
    account { username displayName }
    grants { role unitCode }
  }
}
`;

function App({ config }: { config: IdeConfig }) {
  const params = new URLSearchParams(window.location.search);
  const fetcher = createFetcher(config.endpoint);
  const accounts = config.demoAccounts ?? [];
  return (
    <GraphiQL
      fetcher={fetcher as never}
      defaultQuery={DEFAULT_QUERY}
      initialQuery={params.get('query') ?? undefined}
      initialVariables={params.get('variables') ?? undefined}
      defaultEditorToolsVisibility={accounts.length ? 'headers' : undefined}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        {accounts.length > 0 && config.devTokenUrl && <DemoAccountPicker accounts={accounts} tokenUrl={config.devTokenUrl} />}
        <span className="lz-title">廉政 Lianzheng</span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  let config: IdeConfig;
  try {
    const res = await fetch('/graphql/ide/config.json', { headers: { accept: 'application/json' }, credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    config = (await res.json()) as IdeConfig;
  } catch (e) {
    root.render(<p className="lz-message">无法加载 IDE 配置 (could not load the IDE configuration): {String(e)}</p>);
    return;
  }
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void main();
