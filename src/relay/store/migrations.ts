/**
 * Schema migrations, applied in order by `migrate` and recorded in SQLite's
 * `user_version`, so an old data file opens with a newer relay and never the
 * other way round. Append only: a released migration is never edited.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    default_level TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE people (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX people_org ON people(org_id);

  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
  );

  CREATE TABLE memberships (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX memberships_user ON memberships(user_id);

  CREATE TABLE calendars (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    owner_id TEXT NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    default_level TEXT NULL,
    titles_epoch INTEGER NOT NULL DEFAULT 0,
    busy_epoch INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX calendars_org ON calendars(org_id);

  -- Ids of deleted calendars: a client that still holds the old replica must
  -- never sync it into a new calendar that happens to reuse the id.
  CREATE TABLE deleted_calendars (id TEXT PRIMARY KEY, deleted_at INTEGER NOT NULL);

  CREATE TABLE grants (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user', 'group')),
    subject_id TEXT NOT NULL,
    level TEXT NOT NULL,
    sees_private INTEGER NOT NULL DEFAULT 0,
    since INTEGER NOT NULL,
    granted_by TEXT NOT NULL,
    PRIMARY KEY (calendar_id, subject_kind, subject_id)
  );
  CREATE INDEX grants_subject ON grants(subject_kind, subject_id);

  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL,
    calendar_name TEXT NOT NULL,
    to_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_id TEXT NOT NULL,
    level TEXT NOT NULL,
    ask_back INTEGER NOT NULL,
    message TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL
  );
  CREATE INDEX invitations_to ON invitations(to_id);

  -- A person of another organisation whose grant was revoked keeps a stale copy
  -- (DESIGN.md); this row keeps it listed in their inbox as stale.
  CREATE TABLE stale_access (
    user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    calendar_id TEXT NOT NULL,
    access TEXT NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (user_id, calendar_id)
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER NULL
  );

  -- Only hashes: a copy of the data file does not sign anyone in.
  CREATE TABLE refresh_tokens (
    hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER NULL
  );
  CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

  CREATE TABLE room_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX room_updates_room ON room_updates(room, id);

  CREATE TABLE room_snapshots (
    room TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    through_id INTEGER NOT NULL,
    at INTEGER NOT NULL
  );

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    org_id TEXT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    calendar_id TEXT NULL,
    subject TEXT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_calendar ON audit(calendar_id, id);
  CREATE INDEX audit_org ON audit(org_id, id);
  `,
  // Published ICS links (issue 5). The token itself is kept, beside the hash the
  // feed looks it up by, so the owner can copy the link again later (as Outlook
  // shows it again): the file already holds the whole calendar, so the token
  // reveals nothing a copy of the file would not, and revoking clears it.
  `
  CREATE TABLE ics_links (
    id TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    token TEXT NULL,
    level TEXT NOT NULL CHECK (level IN ('availability', 'limited', 'reviewer')),
    password_hash TEXT NULL,
    expires_at INTEGER NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    revoked_at INTEGER NULL
  );
  CREATE INDEX ics_links_calendar ON ics_links(calendar_id);

  CREATE TABLE ics_link_access (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    link_id TEXT NOT NULL REFERENCES ics_links(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    address TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    status INTEGER NOT NULL
  );
  CREATE INDEX ics_link_access_link ON ics_link_access(link_id, id);

  -- When each calendar's feed at each level last changed, so Last-Modified
  -- survives a restart and only moves when the served content does.
  CREATE TABLE ics_feed_versions (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    etag TEXT NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (calendar_id, level)
  );
  `,
  // Meetings (issue 4): one row per meeting and internal attendee (the inbox
  // item shown to them and their delegates), kept after the event is deleted so a
  // cancellation still names what was cancelled; and who received each item, so a
  // former delegate's copy can be withdrawn.
  `
  CREATE TABLE meeting_items (
    item_id TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL,
    event_key TEXT NOT NULL,
    for_id TEXT NOT NULL,
    content TEXT NOT NULL,
    version INTEGER NOT NULL,
    canceled INTEGER NOT NULL DEFAULT 0,
    cancel_message TEXT NOT NULL DEFAULT '',
    response TEXT NULL,
    comment TEXT NOT NULL DEFAULT '',
    answered_by TEXT NULL,
    answered_at INTEGER NULL,
    copy_calendar_id TEXT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX meeting_items_event ON meeting_items(calendar_id, event_key);

  CREATE TABLE meeting_recipients (
    item_id TEXT NOT NULL REFERENCES meeting_items(item_id) ON DELETE CASCADE,
    recipient_id TEXT NOT NULL,
    PRIMARY KEY (item_id, recipient_id)
  );
  CREATE INDEX meeting_recipients_recipient ON meeting_recipients(recipient_id);
  `,
  // Scheduling profiles (issue 4, find a time): each person's zone and working
  // hours, published to their organisation through the directory.
  `
  CREATE TABLE profiles (
    user_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    zone TEXT NOT NULL,
    working_hours TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  // Archive and trash (issue 6): an archived calendar stays but is read-only and
  // hidden; a deleted calendar keeps its rows (as JSON) and its documents for 30
  // days; a deleted event keeps its last groups for 30 days.
  `
  CREATE TABLE calendar_archive (
    calendar_id TEXT PRIMARY KEY REFERENCES calendars(id) ON DELETE CASCADE,
    archived_at INTEGER NOT NULL,
    archived_by TEXT NOT NULL
  );

  CREATE TABLE calendar_trash (
    calendar_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    calendar TEXT NOT NULL,
    grants TEXT NOT NULL,
    deleted_at INTEGER NOT NULL,
    deleted_by TEXT NOT NULL
  );
  CREATE INDEX calendar_trash_org ON calendar_trash(org_id);

  CREATE TABLE event_trash (
    calendar_id TEXT NOT NULL,
    event_key TEXT NOT NULL,
    groups TEXT NOT NULL,
    deleted_at INTEGER NOT NULL,
    deleted_by TEXT NULL,
    PRIMARY KEY (calendar_id, event_key)
  );
  CREATE INDEX event_trash_at ON event_trash(deleted_at);
  `,
  // Organisation policies and the admin review's "last synced" (issue 6, O2).
  // No row in org_policies means the unrestricted defaults (DEFAULT_ORG_POLICY).
  `
  CREATE TABLE org_policies (
    org_id TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    new_calendar_level TEXT NULL,
    external_sharing_max TEXT NOT NULL,
    ics_links_max TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
  );

  CREATE TABLE calendar_sync_times (
    user_id TEXT NOT NULL,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, calendar_id)
  );
  `,
  // App passwords, removed members and shared addresses (issue 6, O3). Only
  // hashes of app passwords are kept; the sessions made from one are listed so
  // revoking it ends every token obtained with it.
  `
  CREATE TABLE app_passwords (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER NULL,
    revoked_at INTEGER NULL
  );
  CREATE INDEX app_passwords_user ON app_passwords(user_id);

  CREATE TABLE app_password_sessions (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    app_password_id TEXT NOT NULL REFERENCES app_passwords(id) ON DELETE CASCADE
  );
  CREATE INDEX app_password_sessions_password ON app_password_sessions(app_password_id);

  CREATE TABLE org_app_password_policy (
    org_id TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    allowed INTEGER NOT NULL
  );

  CREATE TABLE removed_people (
    user_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    removed_at INTEGER NOT NULL,
    removed_by TEXT NOT NULL
  );

  CREATE TABLE shared_addresses (
    person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    calendar_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX shared_addresses_org ON shared_addresses(org_id);

  CREATE TABLE shared_address_members (
    person_id TEXT NOT NULL REFERENCES shared_addresses(person_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, user_id)
  );
  CREATE INDEX shared_address_members_user ON shared_address_members(user_id);

  CREATE TABLE shared_address_aliases (
    alias TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES shared_addresses(person_id) ON DELETE CASCADE
  );
  CREATE INDEX shared_address_aliases_person ON shared_address_aliases(person_id);
  `,
  // Team calendars and their submission queue (issue 6, O1). A team calendar is
  // owned by the organisation: `team` = 1 makes its owner_id (the creating admin)
  // a record only, never an owner-level person; its scope and maintainers are
  // ordinary grants, so access, rooms and inboxes follow the usual rules.
  `
  ALTER TABLE calendars ADD COLUMN team INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE team_calendars (
    calendar_id TEXT PRIMARY KEY REFERENCES calendars(id) ON DELETE CASCADE,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('org', 'groups')),
    level TEXT NOT NULL CHECK (level IN ('availability', 'limited', 'reviewer')),
    accepts_submissions INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE team_submissions (
    id TEXT PRIMARY KEY,
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    submitter_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL,
    decided_at INTEGER NULL,
    decided_by_name TEXT NOT NULL DEFAULT '',
    event_key TEXT NULL
  );
  CREATE INDEX team_submissions_calendar ON team_submissions(calendar_id, status, at);
  CREATE INDEX team_submissions_submitter ON team_submissions(submitter_id, calendar_id, status);
  `,
  // A deleted calendar's published ICS links (rows as JSON, like its grants), so
  // restoring it brings its subscribers' URLs back; entries from before have none.
  `
  ALTER TABLE calendar_trash ADD COLUMN ics_links TEXT NOT NULL DEFAULT '[]';
  `,
  // Meetings: the request version that last changed the time. Moving a meeting
  // clears the answers, and answers to an earlier version are ignored.
  `
  ALTER TABLE meeting_items ADD COLUMN when_version INTEGER NOT NULL DEFAULT 1;
  `,
];
