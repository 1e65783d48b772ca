-- The SQL EF Core generates for PublicationQueries.List (PostgreSQL, captured with ToQueryString); parameters as pgbench variables.
\set back random(1, 700)
SELECT p."CorrelationId", p."TenantId", p."MeetingId", p."MeetingKind", p."MeetingTitle", p."CurrentState", p."CurrentStep", p."FailedStep", p."LastError", p."PageUrl", p."CreatedAt", p."UpdatedAt", p."NextAttemptAt", p."WaitingSince", p."WaitAttempts", p."WaitReason", p."PurgedAt"
FROM publications AS p
WHERE p."TenantId" = md5('tenant-' || :tenant_n)::uuid AND p."UpdatedAt" < now() - :back * interval '1 day' AND p."CreatedAt" < now() - :back * interval '1 day' + interval '5 minutes'
ORDER BY p."CreatedAt" DESC, p."CorrelationId" DESC
LIMIT 50;
