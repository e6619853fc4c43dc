import type { ServerProfile } from '../../mock-server/profile.ts';

/**
 * What the exact ideal's replay does not model for this server, in words for the report: where a caveat applies,
 * the ideal may be faster than the server allows (efficiency then reads low), never slower.
 */
export function idealCaveats(server: ServerProfile): string[] {
  const phases = server.phases ?? [];
  const caveats: string[] = [];
  if (phases.some((phase) => phase.afterMs !== undefined)) {
    caveats.push('time-based phases (afterMs) depend on when each batch ran; the replay gives every request the phase its index gives it');
  }
  if (phases.some((phase) => phase.capacity !== undefined && phase.afterMs !== undefined)) {
    caveats.push("a time-based phase's capacity is not replayed: the ideal keeps the capacity the request indices give");
  }
  if (phases.some((phase) => (phase.pauseMs ?? 0) > 0)) {
    caveats.push('pauses are not replayed: the ideal goes on answering while the server holds every answer');
  }
  if (server.rateLimit !== undefined) {
    caveats.push("the replay's token bucket starts full in every batch; the server's carries over what the batch before spent");
  }
  return caveats;
}
