import { StrictMode } from 'react';
// The profiling build, so the transcript's <Profiler> counts commits in production for the benchmarks.
import { createRoot } from 'react-dom/profiling';
import { getBridge } from './bridge/get-bridge';
import { WindowRoot } from './components/WindowRoot';
import { AppController } from './state/app-controller';
import { ControllerContext } from './state/controller-context';
import { DesktopContext } from './state/desktop/desktop-context';
import { DesktopController } from './state/desktop/desktop-controller';
import { windowKindOf } from './state/desktop/desktop-window';
import './styles/index.css';

const { api, connection } = getBridge();
const controller = new AppController(api, connection);
const desktop = new DesktopController(api, connection, windowKindOf(window.location.search));
// Before the first render: the desktop shell sends a window its command as soon as the page has loaded.
desktop.start();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ControllerContext value={controller}>
      <DesktopContext value={desktop}>
        <WindowRoot />
      </DesktopContext>
    </ControllerContext>
  </StrictMode>,
);
