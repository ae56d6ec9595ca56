import { fill, useWords } from '../i18n/words';
import type { Session } from '../session';

interface Props {
  session: Session | null;
  online: boolean;
  onSwitchLanguage: () => void;
}

/** The page's top bar: who is paired, whether there is a network, and the language switch. */
export function PhoneHeader({ session, online, onSwitchLanguage }: Props) {
  const { m } = useWords();
  return (
    <header className="phone-header">
      <div className="phone-header-row">
        <h1>{m.app.name}</h1>
        <button
          type="button"
          className="phone-button phone-small"
          lang={m.app.languageCode === 'en' ? 'zh-CN' : 'en'}
          onClick={onSwitchLanguage}
          data-testid="phone-language"
        >
          {m.app.language}
        </button>
      </div>
      {session !== null && (
        <p className="phone-who" data-testid="phone-inspector">
          {fill(m.app.inspector, { name: session.inspector.name, id: session.inspector.id })}
        </p>
      )}
      <p role="status" className={online ? 'phone-link' : 'phone-link phone-offline'} data-testid="phone-link">
        {online ? m.app.online : m.app.offline}
      </p>
    </header>
  );
}
