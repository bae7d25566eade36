import type * as Y from 'yjs';
import { z } from 'zod';
import type { Invitation } from '../../shared/protocol/inboxDocument';

export const invitationAnswerSchema = z.enum(['accepted', 'declined']);
export type InvitationAnswer = z.infer<typeof invitationAnswerSchema>;

/**
 * Invitations as the person sees them: the inbox's status, except that an
 * answer this person already gave (on any of their devices, carried by their
 * overlay) wins over a `pending` the relay's inbox has not caught up with yet,
 * so an invitation accepted elsewhere never asks again. Any status the relay
 * wrote other than `pending` is the truth.
 */
export function applyInvitationAnswers(invitations: readonly Invitation[], answers: ReadonlyMap<string, InvitationAnswer>): Invitation[] {
  return invitations.map((i) => {
    const answer = answers.get(i.id);
    return i.status === 'pending' && answer ? { ...i, status: answer } : i;
  });
}

/** Overlay map (`user/<id>`): invitation id -> the person's answer, so every device of theirs knows at once. */
export const INVITATION_ANSWERS_MAP = 'invitationAnswers';

export function readInvitationAnswers(overlay: Y.Doc): Map<string, InvitationAnswer> {
  const out = new Map<string, InvitationAnswer>();
  overlay.getMap<unknown>(INVITATION_ANSWERS_MAP).forEach((raw, id) => {
    const parsed = invitationAnswerSchema.safeParse(raw);
    if (parsed.success) out.set(id, parsed.data);
  });
  return out;
}

export function recordInvitationAnswer(overlay: Y.Doc, id: string, answer: InvitationAnswer, origin: unknown): void {
  const map = overlay.getMap<unknown>(INVITATION_ANSWERS_MAP);
  if (map.get(id) !== answer) overlay.transact(() => map.set(id, answer), origin);
}
