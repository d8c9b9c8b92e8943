import { Link } from 'react-router';
import { Page } from '../components/Page.js';
import { useT } from '../i18n/index.js';

export function NotFound() {
  const t = useT();
  return (
    <Page title={t.notFound.title}>
      <p>{t.notFound.text}</p>
      <Link to="/">{t.notFound.home}</Link>
    </Page>
  );
}
