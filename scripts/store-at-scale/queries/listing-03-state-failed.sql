-- PublicationQueries.List as EF Core generates it for PostgreSQL (captured with ToQueryString); parameters as pgbench variables.
SELECT p."CorrelationId", p."TenantId", p."MeetingId", p."MeetingKind", p."MeetingTitle", p."CurrentState", p."CurrentStep", p."FailedStep", p."LastError", p."PageUrl", p."CreatedAt", p."UpdatedAt", p."NextAttemptAt", p."WaitingSince", p."WaitAttempts", p."WaitReason", p."PurgedAt"
FROM publications AS p
WHERE p."CorrelationId" IN (
    SELECT p0."CorrelationId"
    FROM publications AS p0
    WHERE p0."TenantId" = md5('tenant-' || :tenant_n)::uuid AND p0."CurrentState" = 'Failed'
    ORDER BY p0."CreatedAt" DESC, p0."CorrelationId" DESC
    LIMIT 50
)
ORDER BY p."CreatedAt" DESC, p."CorrelationId" DESC;
