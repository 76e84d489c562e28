import Link from 'next/link';
import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { MfaEnrolmentGate } from '@/components/auth/mfa-enrolment-gate';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { SectionLinks } from '@/components/console/section-links';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { SocketProvider } from '@/components/live/socket-provider';
import { IncidentToasts } from '@/components/queue/incident-toasts';
import { RuleNotices } from '@/components/queue/rule-notices';
import { TeamNotices } from '@/components/teamwork/team-notices';
import { WallPresetMenu } from '@/components/wall/wall-preset-menu';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { MFA_ENROL_PATH, PASSWORD_PATH } from '@/lib/policy/require-page-user';
import { pageAction, type GatedPage } from '@/lib/policy/page-policies';
import { authorize } from '@/lib/policy/authorize';
import { needsMfaEnrolment, needsPasswordChange } from '@/lib/policy/require-user';

/**
 * The auth gate for everything operational. Pages under it check again (see page.tsx): a layout
 * is not re-run on client navigation and does not stop its children from rendering.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/login');

  // A temporary password: nothing live until the user has chosen their own (the same rule decide() applies).
  if (needsPasswordChange(user, 'console.view')) {
    return (
      <div className="flex min-h-dvh flex-col">
        <ConsoleHeader user={user} />
        <main className="min-h-0 flex-1 overflow-auto">
          <MfaEnrolmentGate enrolPath={PASSWORD_PATH} message="Choose your own password first. Opening the password page…">
            {children}
          </MfaEnrolmentGate>
        </main>
      </div>
    );
  }

  // MFA_REQUIRED and no second factor yet: the same rule decide() applies to every action but account.self.
  // No socket, no toasts, no wall link: nothing live is opened for a user who may only enrol.
  if (needsMfaEnrolment(user, 'console.view')) {
    return (
      <div className="flex min-h-dvh flex-col">
        <ConsoleHeader user={user} />
        <main className="min-h-0 flex-1 overflow-auto">
          <MfaEnrolmentGate enrolPath={MFA_ENROL_PATH}>{children}</MfaEnrolmentGate>
        </main>
      </div>
    );
  }

  return (
    // One socket for the whole console: the header's indicator and the page's map and feed share it.
    <SocketProvider>
      <div className="flex h-dvh flex-col overflow-hidden print:block print:h-auto print:overflow-visible">
        <ConsoleHeader user={user} live />
        <main className="min-h-0 flex-1">{children}</main>
      </div>
    </SocketProvider>
  );
}

/** The places a role may go: the same policy as the pages themselves, so no link leads to a refusal. */
const NAV: { href: GatedPage; label: string }[] = [
  { href: '/', label: 'Live' },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/investigate', label: 'Investigate' },
  { href: '/cases', label: 'Cases' },
  { href: '/admin', label: 'Admin' },
  // Supervisors manage rules and decide community cameras without the rest of the admin area.
  { href: '/admin/rules', label: 'Rules' },
  { href: '/admin/community', label: 'Community' },
  { href: '/admin/audit', label: 'Audit' },
];

function navLinks(user: SessionUser): { href: GatedPage; label: string }[] {
  const admin = authorize(user, 'admin.manage').allow;
  // The admin area has its own section nav: an administrator gets one "Admin" link, not each of its pages.
  const links = NAV.filter((n) => authorize(user, pageAction(n.href)).allow && !(admin && (n.href === '/admin/rules' || n.href === '/admin/community')));
  return links.length < 2 ? [] : links;
}

function ConsoleHeader({ user, live = false }: { user: SessionUser; live?: boolean }) {
  const links = live ? navLinks(user) : [];
  // Below 1024 px (a tablet in portrait) the header cannot hold every control: the wall link, which opens another
  // screen anyway, moves into the Sections menu.
  const wallInMenu = links.length > 0;
  return (
    // A phone (< 640 px) cannot hold it all on one line: the live controls wrap to a second row, the account moves
    // into the Sections menu, and Sign out stays on the first row.
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-line bg-panel px-4 max-xl:gap-2 max-lg:px-2 max-sm:h-auto max-sm:flex-wrap max-sm:py-1 print:hidden">
      <Link href="/" className="inline-flex items-center text-lg font-bold tracking-[0.2em] text-accent pointer-coarse:min-h-11">
        RTCC
      </Link>
      <span className="truncate text-sm text-ink-muted max-lg:hidden" title="Agency">
        {user.agencyName}
      </span>
      {links.length > 0 && <SectionLinks links={links} wallLink={wallInMenu} accountHref={user.role === 'wall_device' ? undefined : MFA_ENROL_PATH} />}
      <div className="ml-auto sm:hidden">
        <SignOutButton />
      </div>
      <div className="ml-auto flex shrink-0 items-center gap-4 max-xl:gap-2 max-sm:w-full max-sm:flex-wrap max-sm:justify-end">
        {live && (
          <>
            {/* A plain link in a new window: the wall usually runs on another screen. */}
            <a href="/wall" target="_blank" rel="noopener" className={`${wallInMenu ? 'max-lg:hidden ' : ''}inline-flex items-center rounded-full border border-line px-3 py-1 text-sm font-semibold whitespace-nowrap text-ink-muted hover:text-ink pointer-coarse:min-h-11`}>
              <span className="max-xl:hidden">Video </span>wall ↗
            </a>
            {authorize(user, 'wall.control').allow && <WallPresetMenu />}
            <RuleNotices />
            <TeamNotices />
            <IncidentToasts />
            <ConnectionIndicator />
          </>
        )}
        {/* Below 1280 px the user area is one link (the name) to the account page: the two-line block does not fit. */}
        <a
          href={user.role === 'wall_device' ? undefined : MFA_ENROL_PATH}
          title={`Signed in as ${user.displayName} (${user.role}) · two-factor sign-in`}
          aria-label={`${user.displayName}: account and two-factor sign-in`}
          className={`inline-flex max-w-32 min-w-0 items-center text-sm font-semibold xl:hidden max-lg:max-w-24 pointer-coarse:min-h-11 ${links.length > 0 ? 'max-sm:hidden' : ''}`}
        >
          {/* The ellipsis needs a block box: text directly in the inline-flex link was cut mid-letter ("Administrat"). */}
          <span className="truncate">{user.displayName}</span>
        </a>
        {/* The user area: who is signed in, and their own account's second factor underneath. */}
        <div className="flex flex-col items-end leading-tight max-xl:hidden">
          <span className="text-sm whitespace-nowrap">
            <span className="font-semibold">{user.displayName}</span>
            <span className="ml-2 text-ink-muted capitalize max-lg:hidden">{user.role}</span>
          </span>
          {/* A full page load: the console layout re-reads the session (MFA state) on the way back. Wall devices have no account. */}
          {user.role !== 'wall_device' && (
            <span className="flex gap-3">
              <a href={PASSWORD_PATH} className="text-xs whitespace-nowrap text-ink-muted underline-offset-2 hover:text-ink hover:underline">
                Password
              </a>
              <a href={MFA_ENROL_PATH} className="text-xs whitespace-nowrap text-ink-muted underline-offset-2 hover:text-ink hover:underline">
                Two-factor sign-in
              </a>
            </span>
          )}
        </div>
        <div className="max-sm:hidden">
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
