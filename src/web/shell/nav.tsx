import type { ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FormOutlined,
  GiftOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  QrcodeOutlined,
  SafetyOutlined,
  ShopOutlined,
  StopOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  EnvironmentOutlined,
  ApartmentOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../shared/roles.js';

export interface Capability {
  key: string;
  icon: ReactNode;
  /** Where it lives; capabilities without a path are not built yet. */
  path?: string;
  permission?: Permission;
  /** Where a role without `permission` lands instead, the first it may use (e.g. community members' task list). */
  fallback?: { path: string; permission: Permission }[];
}

/** One entry per capability, in the order the province's staff expect them. */
export const CAPABILITIES: Capability[] = [
  { key: 'home', icon: <DashboardOutlined />, path: '/', permission: 'overview.read' },
  { key: 'geo', icon: <EnvironmentOutlined />, path: '/units', permission: 'units.read' },
  { key: 'people', icon: <TeamOutlined />, path: '/people', permission: 'people.read' },
  { key: 'accounts', icon: <UserSwitchOutlined />, path: '/accounts', permission: 'accounts.manage' },
  { key: 'audit', icon: <AuditOutlined />, path: '/audit', permission: 'audit.read' },
  { key: 'profiles', icon: <FileProtectOutlined />, path: '/profiles', permission: 'profiles.read' },
  { key: 'declarations', icon: <FormOutlined />, path: '/declarations', permission: 'declarations.read' },
  { key: 'checkins', icon: <QrcodeOutlined />, path: '/checkins', permission: 'venues.manage' },
  { key: 'cases', icon: <ApartmentOutlined />, path: '/cases', permission: 'cases.read', fallback: [{ path: '/cases/tasks', permission: 'tasks.work' }] },
  { key: 'testing', icon: <ExperimentOutlined />, path: '/testing', permission: 'testing.read', fallback: [{ path: '/testing/sampling', permission: 'testing.sample' }] },
  {
    key: 'quarantine',
    icon: <HomeOutlined />,
    path: '/quarantine',
    permission: 'quarantine.read',
    fallback: [
      { path: '/quarantine/capacity', permission: 'quarantine.capacity' },
      // community teams watch home quarantine: monitoring is their only quarantine permission
      { path: '/quarantine/home', permission: 'quarantine.monitor' },
    ],
  },
  // Treatment facilities live with quarantine (one stay model): the same list, filtered.
  { key: 'treatment', icon: <MedicineBoxOutlined />, path: '/quarantine?kind=treatment', permission: 'quarantine.read' },
  { key: 'checkpoints', icon: <StopOutlined /> },
  { key: 'vaccination', icon: <SafetyOutlined /> },
  { key: 'zones', icon: <AlertOutlined /> },
  { key: 'supplies', icon: <ShopOutlined /> },
  { key: 'support', icon: <GiftOutlined /> },
  { key: 'command', icon: <ClusterOutlined /> },
  { key: 'analytics', icon: <BarChartOutlined /> },
];

/** Where the menu entry leads for this user: its path, its fallback, or null when the role may use neither. */
export function entryPath(c: Capability, can: (p: Permission) => boolean): string | null {
  if (!c.path) return null;
  if (!c.permission || can(c.permission)) return c.path;
  return c.fallback?.find((f) => can(f.permission))?.path ?? null;
}

/** The capability a URL belongs to, for highlighting the menu. */
export function capabilityOf(pathname: string): string {
  const found = CAPABILITIES.filter((c) => c.path && c.path !== '/' && (pathname === c.path || pathname.startsWith(`${c.path}/`)));
  return found[0]?.key ?? 'home';
}
