/**
 * The live console itself is the layout (./layout.tsx): kept mounted beneath the incident workspace, so coming back
 * from an incident shows the console as it was. This page adds nothing; with no data and no request of its own it is
 * prefetched whole, and "← Console" shows the console without waiting for the server.
 */
export default function ConsolePage() {
  return null;
}
