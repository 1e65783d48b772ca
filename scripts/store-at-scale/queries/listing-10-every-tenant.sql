-- An operator listing every tenant, newest first (PublicationQueries.List without a tenant).
SELECT p."CorrelationId", p."TenantId", p."MeetingId", p."MeetingKind", p."MeetingTitle", p."CurrentState", p."CurrentStep", p."FailedStep", p."LastError", p."PageUrl", p."CreatedAt", p."UpdatedAt", p."NextAttemptAt", p."WaitingSince", p."WaitAttempts", p."WaitReason", p."PurgedAt"
FROM publications AS p
ORDER BY p."CreatedAt" DESC, p."CorrelationId" DESC
LIMIT 50;
