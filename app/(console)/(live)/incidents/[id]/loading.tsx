import { IncidentOpening } from '@/components/incident/incident-opening';

/** Shown the moment an incident link is followed, while the page (an audited read) is rendered on the server. */
export default function Loading() {
  return <IncidentOpening />;
}
