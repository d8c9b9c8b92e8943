/** The console's entry point (index.html loads it; Vite bundles it into dist/console/assets/). */
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles/console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
