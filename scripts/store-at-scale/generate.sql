-- 10,000,000 publications shaped like a store that has run for two years with 90-day retention (run by
-- scripts/store-at-scale.sh, once per chunk: psql -v chunk=N, N from 0 to 9, one million rows each).
-- Tenants: md5('tenant-' || n)::uuid, n = 1..1000. Tenant 1 owns every tenth row (one million); the other nine
-- million are spread over tenants 2..1000 by random()^2, so a few tenants are large and most are small.
-- Ages: CreatedAt uniform over two years. In flight (Waiting, in a step) only in the last day; older rows settled:
-- 92 % Published, 5 % Failed (one of four steps), 3 % Cancelled. Rows settled over 90 days ago are purged (no
-- snapshot, no history, PurgedAt set), as retention leaves them; younger ones carry a ~4 KB snapshot and a history.
SET synchronous_commit = off;

INSERT INTO publications (
    "CorrelationId", "Version", "CurrentState", "TenantId", "MeetingId", "MeetingKind", "MeetingTitle", "MeetingJson",
    "MeetingSha256", "SpaceKey", "ParentPageTitle", "ParentPageId", "PageId", "PageTitle", "PageVersion", "PageUrl",
    "AttachmentId", "PdfSha256", "CurrentStep", "FailedStep", "LastError", "Attempts", "ReplayCount", "History",
    "CreatedAt", "UpdatedAt", "StepStartedAt", "PublishedAt", "NextAttemptAt", "WaitingSince", "WaitAttempts",
    "WaitReason", "WaitingOnSite", "PurgedAt")
SELECT
    gen_random_uuid(), 3, r.state, r.tenant, gen_random_uuid(), r.kind, 'Sprint ' || r.i || ' retrospective',
    CASE WHEN r.purged THEN '' ELSE
        '{"tenantId":"' || r.tenant || '","meetingId":"' || r.i || '","kind":"' || r.kind || '","title":"Sprint ' || r.i
        || ' retrospective","team":"Team ' || (r.i % 97) || '","columns":[' || repeat('{"title":"Went well","cards":[{"text":"Pairing on the '
        || 'release checklist made the deploy calm","votes":' || (r.i % 7) || '},{"text":"Fewer meetings on Thursdays","votes":2}]},', 20)
        || '{}],"actionItems":[{"text":"Automate the changelog","owner":"sam"}]}' END,
    md5(r.i::text) || md5(r.tenant::text), 'RETRO', 'Retrospectives', (100000 + r.tenant_n)::text,
    (r.i + 1000000)::text, 'Sprint ' || r.i || ' retrospective', 1 + r.i % 3,
    'https://example.atlassian.net/wiki/spaces/RETRO/pages/' || (r.i + 1000000), 'att' || (r.i + 1000000),
    md5('pdf' || r.i) || md5('pdf2' || r.i),
    CASE WHEN r.state IN ('Published', 'Cancelled') THEN NULL ELSE r.step END,
    CASE WHEN r.state = 'Failed' THEN r.step END,
    CASE WHEN r.state = 'Failed' THEN 'Confluence answered 403 Forbidden: the user cannot add pages to space RETRO.' END,
    4, 0,
    CASE WHEN r.purged THEN NULL ELSE
        '[' || repeat('{"at":"2026-01-01T00:00:00+00:00","what":"started","step":"PublishReportPage","detail":null},', 7)
        || '{"at":"2026-01-01T00:00:01+00:00","what":"published","step":null,"detail":null}]' END,
    r.created, r.updated,
    CASE WHEN r.state IN ('ResolvingSpace', 'EnsuringParentPage', 'PublishingPage', 'UploadingPdf') THEN r.updated END,
    CASE WHEN r.state = 'Published' THEN r.updated END,
    CASE WHEN r.state = 'Waiting' THEN r.updated + (random() * interval '2 hours') END,
    CASE WHEN r.state = 'Waiting' THEN r.updated END,
    CASE WHEN r.state = 'Waiting' THEN 3 ELSE 0 END,
    CASE WHEN r.state = 'Waiting' THEN 'Confluence is rate limiting this site (429, Retry-After 600 s).' END,
    CASE WHEN r.state = 'Waiting' THEN 'site-' || r.tenant_n END,
    CASE WHEN r.purged THEN r.updated + interval '90 days' END
FROM (
    SELECT s.*, s.created + (random() * interval '10 minutes') AS updated,
        s.created < now() - interval '90 days 10 minutes' AS purged
    FROM (
        SELECT g.i, t.n AS tenant_n, md5('tenant-' || t.n)::uuid AS tenant,
            CASE WHEN random() < 0.5 THEN 'Retrospective' ELSE 'HealthCheck' END AS kind,
            c.created,
            CASE WHEN c.created > now() - interval '1 day' THEN
                (ARRAY['Published', 'Published', 'Published', 'Published', 'Published', 'Waiting', 'Waiting', 'ResolvingSpace',
                       'PublishingPage', 'Failed'])[1 + floor(random() * 10)::int]
            ELSE
                CASE WHEN random() < 0.92 THEN 'Published' WHEN random() < 0.625 THEN 'Failed' ELSE 'Cancelled' END
            END AS state,
            (ARRAY['ResolveSpace', 'EnsureParentPage', 'PublishReportPage', 'UploadReportPdf'])[1 + floor(random() * 4)::int] AS step
        FROM generate_series(:chunk * 1000000 + 1, (:chunk + 1) * 1000000) AS g(i)
        CROSS JOIN LATERAL (SELECT CASE WHEN g.i % 10 = 0 THEN 1 ELSE 2 + floor(999 * random() ^ 2)::int END AS n) t
        CROSS JOIN LATERAL (SELECT now() - random() * interval '730 days' + (g.i % 2) * interval '0 s' AS created) c
    ) s
) r;
