import { calendarAccessSchema, calendarListSchema, type CalendarAccess } from '../../shared/protocol/api';
import {
  deletedCalendarListSchema,
  deletedEventListSchema,
  exportEnvelopeSchema,
  restoreReportSchema,
  type DeletedCalendar,
  type DeletedEvent,
  type ExportEnvelope,
  type RestoreReport,
} from '../../shared/protocol/trash';
import type { RelayClient } from '../sync/RelayClient';
import { z } from 'zod';

const enc = encodeURIComponent;

/** Archive, trash and export endpoints of the relay (docs/relay.md, Archive and trash), every answer parsed. */
export class ArchiveClient {
  constructor(private readonly relay: RelayClient) {}

  archive(calendarId: string): Promise<CalendarAccess> {
    return this.relay.call('POST', `/api/calendars/${enc(calendarId)}/archive`, calendarAccessSchema);
  }

  unarchive(calendarId: string): Promise<CalendarAccess> {
    return this.relay.call('POST', `/api/calendars/${enc(calendarId)}/unarchive`, calendarAccessSchema);
  }

  /** Archived calendars the person can restore (their own; an admin's organisation's show in the admin's own list only if reached). */
  async archived(): Promise<CalendarAccess[]> {
    const { calendars } = await this.relay.call('GET', '/api/calendars', calendarListSchema);
    return calendars.filter((c) => c.archived === true && c.level === 'owner');
  }

  async deletedCalendars(): Promise<DeletedCalendar[]> {
    return (await this.relay.call('GET', '/api/trash/calendars', deletedCalendarListSchema)).calendars;
  }

  restoreDeleted(calendarId: string): Promise<CalendarAccess> {
    return this.relay.call('POST', `/api/trash/calendars/${enc(calendarId)}/restore`, calendarAccessSchema);
  }

  async deletedEvents(calendarId: string): Promise<DeletedEvent[]> {
    return (await this.relay.call('GET', `/api/calendars/${enc(calendarId)}/trash`, deletedEventListSchema)).events;
  }

  async restoreEvent(calendarId: string, key: string): Promise<void> {
    await this.relay.call('POST', `/api/calendars/${enc(calendarId)}/trash/restore`, z.null(), { key });
  }

  exportAccount(): Promise<ExportEnvelope> {
    return this.relay.call('GET', '/api/export/account', exportEnvelopeSchema);
  }

  /** Administrators: their whole organisation. */
  exportOrg(): Promise<ExportEnvelope> {
    return this.relay.call('GET', '/api/admin/export', exportEnvelopeSchema);
  }

  /** An export file as read from disk; the relay checks all of it before writing anything. */
  restore(file: unknown): Promise<RestoreReport> {
    return this.relay.call('POST', '/api/restore', restoreReportSchema, file);
  }
}
