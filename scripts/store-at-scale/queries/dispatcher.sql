-- WaitingPublicationDispatcher.DispatchDue's read, as EF Core generates it.
SELECT p."CorrelationId", p."WaitAttempts"
FROM publications AS p
WHERE p."CurrentState" = 'Waiting' AND p."NextAttemptAt" <= now()
ORDER BY p."NextAttemptAt"
LIMIT 200;
