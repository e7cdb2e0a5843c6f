import type { Metadata, Viewport } from 'next';
import { ActionNotice } from './_components/action-notice';
import { SideNav } from './_components/side-nav';
import { SiteHeader } from './_components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chitter', template: '%s · Chitter' },
  description: 'Short messages from your community.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d6fd6' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <div className="shell">
          <SideNav />
          <main id="main" className="content">
            <ActionNotice />
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
