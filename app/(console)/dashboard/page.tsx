import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { requirePageUser } from '@/lib/policy/require-page-user';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  await requirePageUser('/dashboard');
  return <DashboardView />;
}
