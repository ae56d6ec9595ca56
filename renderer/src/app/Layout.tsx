import { Outlet } from 'react-router';
import { Header } from './Header';
import { Nav } from './Nav';

/** Header on top, role navigation at the left, the current screen in the rest. */
export function Layout() {
  return (
    <div className="shell">
      <Header />
      <Nav />
      <main className="shell__main">
        <Outlet />
      </main>
    </div>
  );
}
