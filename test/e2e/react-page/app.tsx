// A React page using the wrappers, bundled by the test with esbuild.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PeliqanConnections, PeliqanConnectorPicker } from '../../../src/react/index.js';
import type { PeliqanSelectDetail } from '../../../src/index.js';

function App({ baseUrl, tokenUrl }: { baseUrl: string; tokenUrl: string }) {
  const [chosen, setChosen] = useState('nothing yet');
  return (
    <main>
      <p id="chosen">{chosen}</p>
      <PeliqanConnectorPicker
        baseUrl={baseUrl}
        tokenUrl={tokenUrl}
        connectors="stripe,mysql"
        // The event is typed: detail.servertype is a Servertype.
        onPeliqanSelect={(event: CustomEvent<PeliqanSelectDetail>) =>
          setChosen(`chose ${event.detail.servertype.name}`)
        }
      />
      {/* The list runs a whole flow inside: every event of it is a typed prop (the surface table). */}
      <PeliqanConnections
        hidden
        onPeliqanPopupBlocked={(event) => setChosen(`blocked ${event.detail.servertype.name}`)}
        onPeliqanCancel={(event) => setChosen(`cancelled ${event.detail.reason}`)}
      />
      {/* @ts-expect-error the picker fires no peliqan-connected */}
      <PeliqanConnectorPicker hidden onPeliqanConnected={() => undefined} />
    </main>
  );
}

const { baseUrl, tokenUrl } = document.documentElement.dataset as { baseUrl: string; tokenUrl: string };
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App baseUrl={baseUrl} tokenUrl={tokenUrl} />
  </StrictMode>,
);
