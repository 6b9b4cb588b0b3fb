import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../shared/roles.js';
import AppShell from './shell/AppShell';
import Guard from './components/Guard';

const HomePage = lazy(() => import('./home/HomePage'));
const UnitsPage = lazy(() => import('./units/UnitsPage'));
const UnitPage = lazy(() => import('./units/UnitPage'));
const UnitImportPage = lazy(() => import('./units/UnitImportPage'));
const PeopleSearchPage = lazy(() => import('./people/PeopleSearchPage'));
const PersonPage = lazy(() => import('./people/PersonPage'));
const PersonCreatePage = lazy(() => import('./people/PersonCreatePage'));
const PersonEditPage = lazy(() => import('./people/PersonEditPage'));
const DuplicatesPage = lazy(() => import('./people/DuplicatesPage'));
const AccountsPage = lazy(() => import('./accounts/AccountsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const ProfilesPage = lazy(() => import('./profiles/ProfilesPage'));
const ProfileEditorPage = lazy(() => import('./profiles/ProfileEditorPage'));
const WorklistPage = lazy(() => import('./declarations/WorklistPage'));
const DeclarationPage = lazy(() => import('./declarations/DeclarationPage'));
const OutbreakAreasPage = lazy(() => import('./declarations/OutbreakAreasPage'));
const VenuesPage = lazy(() => import('./checkins/VenuesPage'));
const VenueRegisterPage = lazy(() => import('./checkins/VenueRegisterPage'));
const VenuePage = lazy(() => import('./checkins/VenuePage'));
const CasesPage = lazy(() => import('./cases/CasesPage'));
const NewCasePage = lazy(() => import('./cases/NewCasePage'));
const CasePage = lazy(() => import('./cases/CasePage'));
const TasksPage = lazy(() => import('./cases/TasksPage'));
const ClustersPage = lazy(() => import('./cases/ClustersPage'));
const GraphPage = lazy(() => import('./cases/GraphPage'));
const ContactImportPage = lazy(() => import('./cases/ImportPage'));
const CampaignsPage = lazy(() => import('./testing/CampaignsPage'));
const NewCampaignPage = lazy(() => import('./testing/NewCampaignPage'));
const CampaignPage = lazy(() => import('./testing/CampaignPage'));
const SamplingPage = lazy(() => import('./testing/SamplingPage'));
const CustodyPage = lazy(() => import('./testing/CustodyPage'));
const LabResultsPage = lazy(() => import('./testing/lab/ResultsPage'));
const LabImportPage = lazy(() => import('./testing/lab/LabImportPage'));
const ResamplePage = lazy(() => import('./testing/lab/ResamplePage'));
const CaseProposalsPage = lazy(() => import('./testing/lab/CaseProposalsPage'));
const CapacityPage = lazy(() => import('./testing/capacity/CapacityPage'));
const FacilitiesPage = lazy(() => import('./quarantine/FacilitiesPage'));
const FacilityEditorPage = lazy(() => import('./quarantine/FacilityEditorPage'));
const FacilityPage = lazy(() => import('./quarantine/FacilityPage'));
const AdmitPage = lazy(() => import('./quarantine/AdmitPage'));
const StaysPage = lazy(() => import('./quarantine/StaysPage'));
const StayPage = lazy(() => import('./quarantine/StayPage'));
const TestsDuePage = lazy(() => import('./quarantine/TestsDuePage'));
const MonitoringPage = lazy(() => import('./quarantine/monitoring/MonitoringPage'));
const TransfersPage = lazy(() => import('./quarantine/monitoring/TransfersPage'));
const HomeStaysPage = lazy(() => import('./quarantine/monitoring/HomeStaysPage'));
const QuarantineCapacityPage = lazy(() => import('./quarantine/capacity/CapacityPage'));
const CostsPage = lazy(() => import('./quarantine/costs/CostsPage'));

function page(path: string, screen: string, permission: Permission, Page: LazyExoticComponent<ComponentType>): RouteObject {
  return {
    path,
    handle: { screen },
    element: (
      <Guard permission={permission}>
        <Page />
      </Guard>
    ),
  };
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('errors.not_found')} />;
}

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      page('/', 'home', 'overview.read', HomePage),
      page('/units', 'units/search', 'units.read', UnitsPage),
      page('/units/import', 'units/import', 'units.manage', UnitImportPage),
      page('/units/:id', 'units/detail', 'units.read', UnitPage),
      page('/people', 'people/search', 'people.read', PeopleSearchPage),
      page('/people/new', 'people/new', 'people.write', PersonCreatePage),
      page('/people/duplicates', 'people/duplicates', 'people.merge', DuplicatesPage),
      page('/people/:id', 'people/detail', 'people.read', PersonPage),
      page('/people/:id/edit', 'people/edit', 'people.write', PersonEditPage),
      page('/accounts', 'accounts', 'accounts.manage', AccountsPage),
      page('/audit', 'audit', 'audit.read', AuditPage),
      page('/profiles', 'profiles/list', 'profiles.read', ProfilesPage),
      page('/profiles/new', 'profiles/new', 'profiles.manage', ProfileEditorPage),
      page('/profiles/:id', 'profiles/detail', 'profiles.read', ProfilesPage),
      page('/declarations', 'declarations/worklist', 'declarations.read', WorklistPage),
      page('/declarations/outbreak-areas', 'declarations/outbreak-areas', 'declarations.read', OutbreakAreasPage),
      page('/declarations/:id', 'declarations/detail', 'declarations.read', DeclarationPage),
      page('/checkins', 'checkins/venues', 'venues.manage', VenuesPage),
      page('/checkins/venues/new', 'checkins/venue-new', 'venues.manage', VenueRegisterPage),
      page('/checkins/venues/:id', 'checkins/venue', 'venues.manage', VenuePage),
      page('/cases', 'cases/list', 'cases.read', CasesPage),
      page('/cases/new', 'cases/new', 'cases.write', NewCasePage),
      // Community members work tasks without reading cases: this page is theirs too.
      page('/cases/tasks', 'cases/tasks', 'tasks.work', TasksPage),
      page('/cases/clusters', 'cases/clusters', 'cases.read', ClustersPage),
      page('/cases/graph', 'cases/graph', 'cases.read', GraphPage),
      page('/cases/import', 'cases/import', 'cases.write', ContactImportPage),
      page('/cases/:id', 'cases/detail', 'cases.read', CasePage),
      page('/testing', 'testing/campaigns', 'testing.read', CampaignsPage),
      page('/testing/campaigns/new', 'testing/campaign-new', 'testing.manage', NewCampaignPage),
      page('/testing/campaigns/:id', 'testing/campaign', 'testing.read', CampaignPage),
      page('/testing/sampling', 'testing/sampling', 'testing.sample', SamplingPage),
      // Sample takers send and lab staff receive: the page itself checks for either permission.
      page('/testing/custody', 'testing/custody', 'overview.read', CustodyPage),
      // Results are read by the sites too; only labs enter them (the form shows for testing.lab).
      page('/testing/results', 'testing/results', 'testing.read', LabResultsPage),
      page('/testing/import', 'testing/import', 'testing.lab', LabImportPage),
      page('/testing/resample', 'testing/resample', 'testing.read', ResamplePage),
      page('/testing/case-proposals', 'testing/case-proposals', 'testing.read', CaseProposalsPage),
      page('/testing/capacity', 'testing/capacity', 'testing.capacity', CapacityPage),
      page('/quarantine', 'quarantine/facilities', 'quarantine.read', FacilitiesPage),
      page('/quarantine/facilities/new', 'quarantine/facility-new', 'quarantine.manage', FacilityEditorPage),
      page('/quarantine/facilities/:id', 'quarantine/facility', 'quarantine.read', FacilityPage),
      page('/quarantine/facilities/:id/edit', 'quarantine/facility-edit', 'quarantine.manage', FacilityEditorPage),
      page('/quarantine/admit', 'quarantine/admit', 'quarantine.admit', AdmitPage),
      page('/quarantine/stays', 'quarantine/stays', 'quarantine.read', StaysPage),
      page('/quarantine/stays/:id', 'quarantine/stay', 'quarantine.read', StayPage),
      page('/quarantine/tests', 'quarantine/tests', 'quarantine.read', TestsDuePage),
      page('/quarantine/monitoring', 'quarantine/monitoring', 'quarantine.monitor', MonitoringPage),
      page('/quarantine/transfers', 'quarantine/transfers', 'quarantine.read', TransfersPage),
      page('/quarantine/home', 'quarantine/home', 'quarantine.monitor', HomeStaysPage),
      page('/quarantine/capacity', 'quarantine/capacity', 'quarantine.capacity', QuarantineCapacityPage),
      page('/quarantine/costs', 'quarantine/costs', 'quarantine.read', CostsPage),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
