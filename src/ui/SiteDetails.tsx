import type { AreaIndex } from '../domain/area-index';
import type { SiteStatus, SitesOutput } from '../domain/sites';
import type { MessageKey } from '../i18n/strings';
import { SourceNote } from './SourceNote';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';

const STATUS: Record<SiteStatus, MessageKey> = {
  established: 'statusEstablished', started: 'statusStarted', starting: 'statusStarting', explored: 'statusExplored',
};

/** A platssamverkan site: status, since when, partners, LOV3 areas around it, and the document's words. */
export function SiteDetails({ siteId, index, sites }: { siteId: string; index: AreaIndex; sites: SitesOutput }) {
  const t = useT();
  const site = sites.sites.features.find((f) => f.properties.id === siteId)?.properties;
  if (!site) return null;
  const lov3 = sites.lov3.features.filter((f) => site.lov3Ids.includes(f.properties.id)).map((f) => f.properties);
  return (
    <DetailsPanel kind={t('kindSite')} title={site.name}>
      <dl>
        <dt>{t('siteStatus')}</dt><dd data-testid="site-status">{t(STATUS[site.status])}</dd>
        {site.since && <><dt>{t('siteSince')}</dt><dd>{site.since}</dd></>}
        <dt>{t('kindStadsdel')}</dt><dd>{site.stadsdel} · {index.district(site.districtId)?.properties.name}</dd>
        <dt>{t('sitePartners')}</dt>
        <dd lang="sv">{site.partners.join(', ')}{site.partnersNote ? ` ${site.partnersNote}` : ''}{site.partnersScope === 'general' && <span className="meta"> {t('sitePartnersGeneral')}</span>}</dd>
      </dl>
      {site.statusNote && <p lang="sv">{site.statusNote}</p>}
      <SourceNote source={site.source} index={index} />
      {site.partnersScope === 'site' && site.partnersSource.quote !== site.source.quote && <SourceNote source={site.partnersSource} index={index} />}
      {lov3.map((area) => (
        <div key={area.id}>
          <h3>{t('kindLov3')}: {area.name}</h3>
          <p>{t('lov3Explain', { year: area.applicationYear, application: t(area.application === 'extension' ? 'lov3Extension' : 'lov3New') })}</p>
          <p className="hint" lang="sv">{area.note}</p>
          <SourceNote source={area.source} index={index} />
        </div>
      ))}
    </DetailsPanel>
  );
}
