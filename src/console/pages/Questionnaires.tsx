/**
 * /console/questionnaires: the families and their published versions, read-only, each version
 * linked to its JSON. The editor (draft, preview, diff) comes in the section marked below.
 */
import { useQuery } from '@tanstack/react-query';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { useI18n } from '../i18n/index.js';
import { questionnairesQuery, questionnaireVersionJsonUrl } from '../queries.js';

export function Questionnaires() {
  const { t, formatDate } = useI18n();
  const families = useQuery(questionnairesQuery());
  return (
    <Page title={t.questionnaires.title}>
      <p className="lead">{t.questionnaires.intro}</p>
      {families.isPending ? (
        <Loading />
      ) : families.isError ? (
        <LoadError error={families.error} />
      ) : families.data.length === 0 ? (
        <p>{t.questionnaires.empty}</p>
      ) : (
        families.data.map((family) => (
          <section key={family.family} aria-labelledby={`family-${family.family}`} className="mb-4">
            <h2 id={`family-${family.family}`} className="h4">
              <code>{family.family}</code>
            </h2>
            <DataTable caption={t.questionnaires.caption(family.family)}>
              <thead>
                <tr>
                  <th scope="col">{t.questionnaires.version}</th>
                  <th scope="col">{t.questionnaires.versionTitle}</th>
                  <th scope="col">{t.questionnaires.publishedAt}</th>
                  <th scope="col">{t.questionnaires.json}</th>
                </tr>
              </thead>
              <tbody>
                {family.versions.map((version) => (
                  <tr key={version.id}>
                    <th scope="row">{version.version}</th>
                    <td>{version.title}</td>
                    <td>{formatDate(version.publishedAt)}</td>
                    <td>
                      <a href={questionnaireVersionJsonUrl(family.family, version.version)}>
                        {t.questionnaires.jsonLink(version.version)}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </section>
        ))
      )}
      {/* THE QUESTIONNAIRE EDITOR COMES HERE (draft / preview / diff), specified later. */}
      <section
        aria-labelledby="editor-title"
        className="callout console-callout"
        data-slot="questionnaire-editor"
      >
        <h2 id="editor-title" className="h4">
          {t.questionnaires.editorTitle}
        </h2>
        <p className="mb-0">{t.questionnaires.editorText}</p>
      </section>
    </Page>
  );
}
