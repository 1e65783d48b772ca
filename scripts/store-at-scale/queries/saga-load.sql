-- EfSagaRepositoryContext's load by primary key, as EF Core generates it, of a publication with its snapshot and history
-- (bench_saga_ids: 10,000 of them, drawn by the script; the lookup of the id is part of each measured execution).
\set k random(1, 10000)
SELECT id AS saga_id FROM bench_saga_ids WHERE n = :k \gset
SELECT p."CorrelationId", p."AttachmentId", p."Attempts", p."CreatedAt", p."CurrentState", p."CurrentStep", p."FailedStep", p."History", p."LastError", p."MeetingId", p."MeetingJson", p."MeetingKind", p."MeetingSha256", p."MeetingTitle", p."NextAttemptAt", p."PageId", p."PageTitle", p."PageUrl", p."PageVersion", p."ParentPageId", p."ParentPageTitle", p."PdfSha256", p."PendingMeetingJson", p."PublishedAt", p."PurgedAt", p."ReplayCount", p."SpaceKey", p."StepHeartbeatAt", p."StepStartedAt", p."TenantId", p."UpdatedAt", p."Version", p."WaitAttempts", p."WaitReason", p."WaitingOnSite", p."WaitingSince"
FROM publications AS p
WHERE p."CorrelationId" = ':saga_id'::uuid;
