import { StrictMode } from 'react';
// The profiling build, so the transcript's <Profiler> counts commits in production for the benchmarks.
import { createRoot } from 'react-dom/profiling';
import { getBridge } from './bridge/get-bridge';
import { App } from './components/App';
import { AppController } from './state/app-controller';
import { ControllerContext } from './state/controller-context';
import './styles/index.css';

const { api, connection } = getBridge();
const controller = new AppController(api, connection);
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ControllerContext value={controller}>
      <App />
    </ControllerContext>
  </StrictMode>,
);
