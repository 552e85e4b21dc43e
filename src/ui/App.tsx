import { lazy, Suspense, useEffect } from 'react';
import { appStore, useApp } from '../state/store';
import { startModeration } from '../state/moderation';
import { AreaDetails } from './AreaDetails';
import { AreaList } from './AreaList';
import { GoalDetails } from './GoalDetails';
import { ModeBar } from './ModeBar';
import { StorageBanner } from './StorageBanner';
import { ConflictDialog } from './ConflictDialog';
import { InvitationDialog } from './InvitationDialog';
import { Toast } from './Toast';
import { PanelTabs } from './PanelTabs';
import { Legend } from './Legend';
import { ReportButton, ReportSlot } from './ReportEntry';

// The first view needs the map, the area list and the details of an area or goal; the rest of the
// panel is loaded when it is first opened (and cached for offline use like everything else).
const FindingDetails = lazy(() => import('./FindingDetails').then((m) => ({ default: m.FindingDetails })));
const FindingDraft = lazy(() => import('./FindingDraft').then((m) => ({ default: m.FindingDraft })));
const FollowupTab = lazy(() => import('./FollowupTab').then((m) => ({ default: m.FollowupTab })));
const Protocol = lazy(() => import('./Protocol').then((m) => ({ default: m.Protocol })));
const WalkDetails = lazy(() => import('./WalkDetails').then((m) => ({ default: m.WalkDetails })));
const WalksTab = lazy(() => import('./WalksTab').then((m) => ({ default: m.WalksTab })));
const NearTab = lazy(() => import('./NearTab').then((m) => ({ default: m.NearTab })));
const PlaceDetails = lazy(() => import('./PlaceDetails').then((m) => ({ default: m.PlaceDetails })));
const SiteDetails = lazy(() => import('./SiteDetails').then((m) => ({ default: m.SiteDetails })));
const ProgrammeTab = lazy(() => import('./ProgrammeTab').then((m) => ({ default: m.ProgrammeTab })));
const SummaryTab = lazy(() => import('./SummaryTab').then((m) => ({ default: m.SummaryTab })));
const ModerationTab = lazy(() => import('./ModerationTab').then((m) => ({ default: m.ModerationTab })));
import { MapPanel } from './MapPanel';
import { Notices } from './Notices';
import { useT } from './use-t';

export function App() {
  const t = useT();
  const data = useApp((s) => s.data);
  const selection = useApp((s) => s.selection);
  const lang = useApp((s) => s.lang);
  const tab = useApp((s) => s.tab);
  const findingDraft = useApp((s) => s.findingDraft);
  const protocol = useApp((s) => s.protocol !== null);

  // The council's queue of resident reports follows the session (loaded for those who moderate).
  useEffect(() => startModeration(), []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('appTitle')} – ${t('tagline')}`;
  }, [lang, t]);

  return (
    <div className="app">
      <header className="top">
        <div>
          <h1>{t('appTitle')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <ReportButton />
        <button
          type="button"
          className="lang"
          lang={lang === 'sv' ? 'en' : 'sv'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => appStore.getState().setLang(lang === 'sv' ? 'en' : 'sv')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <Notices />
      <StorageBanner />
      <main className="layout">
        <section className="map-wrap">
          {data.status === 'ready' && <MapPanel />}
          <ModeBar />
          {data.status === 'loading' && <p className="status">{t('loading')}</p>}
          {data.status === 'error' && <p className="status error" role="alert">{t('loadError', { reason: data.reason })}</p>}
          <Legend />
        </section>
        <aside className="panel">
          <Suspense fallback={<p className="status">{t('loading')}</p>}>
          {data.status === 'ready' && (
            <>
              <ReportSlot index={data.index} />
              {findingDraft && <FindingDraft position={findingDraft.position} index={data.index} />}
              {!findingDraft && selection?.kind === 'goal' && <GoalDetails goalId={selection.id} index={data.index} programme={data.programme} />}
              {!findingDraft && selection?.kind === 'walk' && <WalkDetails walkId={selection.id} index={data.index} />}
              {!findingDraft && selection?.kind === 'finding' && <FindingDetails findingId={selection.id} index={data.index} />}
              {!findingDraft && selection?.kind === 'place' && <PlaceDetails placeId={selection.id} index={data.index} programme={data.programme} />}
              {!findingDraft && selection?.kind === 'site' && <SiteDetails siteId={selection.id} index={data.index} sites={data.sites} />}
              {!findingDraft && selection && (selection.kind === 'district' || selection.kind === 'stadsdel' || selection.kind === 'priorityArea') && (
                <AreaDetails index={data.index} programme={data.programme} bundle={data.bundle} selection={{ kind: selection.kind, id: selection.id }} />
              )}
              <PanelTabs />
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'areas' && <AreaList index={data.index} />}
                {tab === 'near' && <NearTab index={data.index} bundle={data.bundle} programme={data.programme} sites={data.sites.sites} />}
                {tab === 'programme' && <ProgrammeTab index={data.index} programme={data.programme} />}
                {tab === 'summary' && <SummaryTab index={data.index} programme={data.programme} bundle={data.bundle} />}
                {tab === 'walks' && <WalksTab index={data.index} />}
                {tab === 'followup' && <FollowupTab index={data.index} />}
                {tab === 'reports' && <ModerationTab index={data.index} />}
              </div>
            </>
          )}
          </Suspense>
        </aside>
      </main>
      <Toast />
      <ConflictDialog index={data.status === 'ready' ? data.index : null} />
      <InvitationDialog />
      {data.status === 'ready' && protocol && <Suspense fallback={null}><Protocol index={data.index} /></Suspense>}
    </div>
  );
}
