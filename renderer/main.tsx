import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './bridge/create-bridge';
import { BridgeProvider } from './bridge/bridge-context';
import { App } from './shell/App';
import './shell/theme.css';

const bridge = createBridge();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
