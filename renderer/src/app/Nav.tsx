import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

function linkClass({ isActive }: { isActive: boolean }): string {
  return isActive ? 'nav__link nav__link--active' : 'nav__link';
}

/**
 * One entry per role; the video wall, the alert queue, the task board and the reports sit under the operator, the cameras and the
 * system status under the technician, whose tools they are.
 */
export function Nav() {
  const { t } = useTranslation();
  return (
    <nav className="shell__nav nav" aria-label={t('nav.label')}>
      <ul className="nav__list">
        <li>
          <NavLink to="/operator" className={linkClass} data-testid="nav-operator">
            {t('nav.operator')}
          </NavLink>
          <ul className="nav__list nav__list--sub">
            <li>
              <NavLink to="/wall" className={linkClass} data-testid="nav-wall">
                {t('nav.wall')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/alerts" className={linkClass} data-testid="nav-alerts">
                {t('nav.alerts')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/tasks" className={linkClass} data-testid="nav-tasks">
                {t('nav.tasks')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/reports" className={linkClass} data-testid="nav-reports">
                {t('nav.reports')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/inspectors" className={linkClass} data-testid="nav-inspectors">
                {t('nav.inspectors')}
              </NavLink>
            </li>
          </ul>
        </li>
        <li>
          <NavLink to="/inspector" className={linkClass} data-testid="nav-inspector">
            {t('nav.inspector')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/technician" className={linkClass} data-testid="nav-technician">
            {t('nav.technician')}
          </NavLink>
          <ul className="nav__list nav__list--sub">
            <li>
              <NavLink to="/cameras" className={linkClass} data-testid="nav-cameras">
                {t('nav.cameras')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/health" className={linkClass} data-testid="nav-health">
                {t('nav.health')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/grid" className={linkClass} data-testid="nav-grid">
                {t('nav.grid')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/system" className={linkClass} data-testid="nav-system">
                {t('nav.system')}
              </NavLink>
            </li>
          </ul>
        </li>
      </ul>
    </nav>
  );
}
