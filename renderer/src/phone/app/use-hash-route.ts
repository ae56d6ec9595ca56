import { useEffect, useState } from 'react';
import { routeOf, type Route } from '../session';

/** The page's route from its address fragment, following back and forward. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const update = (): void => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
