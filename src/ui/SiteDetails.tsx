import { useEffect, useRef } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { SiteStatus, SitesOutput } from '../domain/sites';
import type { MessageKey } from '../i18n/strings';
import { appStore, useApp } from '../state/store';
import { SourceNote } from './SourceNote';
import { useT } from './use-t';

const STATUS: Record<SiteStatus, MessageKey> = {
  established: 'statusEstablished', started: 'statusStarted', starting: 'statusStarting', explored: 'statusExplored',
};

/** A platssamverkan site: status, since when, partners, LOV3 areas around it, and the document's words. */
export function SiteDetails({ siteId, index, sites }: { siteId: string; index: AreaIndex; sites: SitesOutput }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusRequest = useApp((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  const site = sites.sites.features.find((f) => f.properties.id === siteId)?.properties;
  if (!site) return null;
  const lov3 = sites.lov3.features.filter((f) => site.lov3Ids.includes(f.properties.id)).map((f) => f.properties);
  return (
    <section className="details" aria-labelledby="details-heading" data-testid="details">
      <div className="details-head">
        <p className="kind">{t('kindSite')}</p>
        <button type="button" className="close" onClick={() => appStore.getState().select(null)} aria-label={t('close')}>×</button>
      </div>
      <h2 id="details-heading" ref={heading} tabIndex={-1}>{site.name}</h2>
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
    </section>
  );
}
