import { ZRole } from '@/lib/domain/roles';
import { authorize } from '@/lib/policy/authorize';
import { SOCKET_POLICIES } from '@/lib/policy/socket-policies';
import type { Runtime } from '@/lib/platform/runtime';
import { selectWall } from '@/lib/wall/wall-sql';
import type { RtccServer } from '../realtime/gateway';

/** Room of an agency's wall pages; `wall` messages go only here. */
export const wallRoom = (agencyId: string) => `agency:${agencyId}:wall`;

/**
 * `wallJoin`: a wall page (a kiosk or an operator's second screen) joins its agency's wall room and gets the
 * stored state in the ack, so a wall that reconnects after a network cut shows the current picture at once.
 */
export function registerWallHandlers(io: RtccServer, rt: Pick<Runtime, 'pool'>): void {
  io.on('connection', (socket) => {
    socket.on('wallJoin', (ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const { userId, role, agencyId } = socket.data;
      const r = ZRole.safeParse(role);
      const decision = r.success ? authorize({ id: userId, role: r.data, agencyId }, SOCKET_POLICIES.wallJoin) : null;
      if (!decision?.allow) return reply({ ok: false, error: 'wall.view not allowed' });
      void socket.join(wallRoom(agencyId));
      selectWall(rt.pool, agencyId).then(
        (state) => reply({ ok: true, state }),
        (err: Error) => reply({ ok: false, error: err.message }),
      );
    });
  });
}
