import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { kindColorVariables } from '@/components/ui/kind-colors';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'RTCC', template: '%s · RTCC' },
  description: 'Real-Time Crime Center console',
  // An operations console is never something a search engine should list.
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: '#04070d',
  colorScheme: 'dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" style={kindColorVariables()}>
      <body>{children}</body>
    </html>
  );
}
