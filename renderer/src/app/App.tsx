import { lazy, Suspense } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { CamerasPage } from '../features/cameras/CamerasPage';
import { InspectorPage } from '../features/inspector/InspectorPage';
import { OperatorPage } from '../features/operator/OperatorPage';
import { SystemStatusPage } from '../features/system/SystemStatusPage';
import { TechnicianPage } from '../features/technician/TechnicianPage';
import { Layout } from './Layout';

/** The operator's reports load on first use: the inspectors' phones, served the same app, never need them. */
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
/** The operator's task board loads on first use too; `#/tasks/:id` shows one task beside it. */
const TasksPage = lazy(() => import('../features/tasks/TasksPage').then((m) => ({ default: m.TasksPage })));
/** The video wall, loaded on first use too. */
const WallPage = lazy(() => import('../features/wall/WallPage').then((m) => ({ default: m.WallPage })));
/** The technician's health view, loaded on first use too. */
const HealthPage = lazy(() => import('../features/health/HealthPage').then((m) => ({ default: m.HealthPage })));
/** A camera's zones and masks editor, loaded on first use too. */
const ZonesPage = lazy(() => import('../features/zones/ZonesPage').then((m) => ({ default: m.ZonesPage })));
/** A camera's threshold tuning, loaded on first use too. */
const TuningPage = lazy(() => import('../features/tuning/TuningPage').then((m) => ({ default: m.TuningPage })));
/** The grid and inspectors import screen, loaded on first use too. */
const GridPage = lazy(() => import('../features/grid/GridPage').then((m) => ({ default: m.GridPage })));
/** Inspectors' phones (pairing by QR code, revoking), loaded on first use too. */
const InspectorsPage = lazy(() =>
  import('../features/inspectors/InspectorsPage').then((m) => ({ default: m.InspectorsPage })),
);
/** The alert queue and one incident's page, loaded on first use as well. */
const IncidentQueuePage = lazy(() =>
  import('../features/incidents/IncidentQueuePage').then((m) => ({ default: m.IncidentQueuePage })),
);
const IncidentDetailPage = lazy(() =>
  import('../features/incidents/IncidentDetailPage').then((m) => ({ default: m.IncidentDetailPage })),
);

/** Routes live in the URL hash, which works both from `file://` in Electron and over HTTP. */
export function App() {
  return (
    <HashRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/operator" replace />} />
          <Route path="operator" element={<OperatorPage />} />
          <Route
            path="wall"
            element={
              <Suspense fallback={null}>
                <WallPage />
              </Suspense>
            }
          />
          <Route
            path="alerts"
            element={
              <Suspense fallback={null}>
                <IncidentQueuePage />
              </Suspense>
            }
          />
          <Route
            path="incidents/:id"
            element={
              <Suspense fallback={null}>
                <IncidentDetailPage />
              </Suspense>
            }
          />
          <Route
            path="reports"
            element={
              <Suspense fallback={null}>
                <ReportsPage />
              </Suspense>
            }
          />
          <Route
            path="tasks/:id?"
            element={
              <Suspense fallback={null}>
                <TasksPage />
              </Suspense>
            }
          />
          <Route path="inspector" element={<InspectorPage />} />
          <Route
            path="inspectors"
            element={
              <Suspense fallback={null}>
                <InspectorsPage />
              </Suspense>
            }
          />
          <Route path="technician" element={<TechnicianPage />} />
          <Route path="cameras" element={<CamerasPage />} />
          <Route
            path="grid"
            element={
              <Suspense fallback={null}>
                <GridPage />
              </Suspense>
            }
          />
          <Route
            path="cameras/:id/zones"
            element={
              <Suspense fallback={null}>
                <ZonesPage />
              </Suspense>
            }
          />
          <Route
            path="cameras/:id/tuning"
            element={
              <Suspense fallback={null}>
                <TuningPage />
              </Suspense>
            }
          />
          <Route
            path="health"
            element={
              <Suspense fallback={null}>
                <HealthPage />
              </Suspense>
            }
          />
          <Route path="system" element={<SystemStatusPage />} />
          <Route path="*" element={<Navigate to="/operator" replace />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
