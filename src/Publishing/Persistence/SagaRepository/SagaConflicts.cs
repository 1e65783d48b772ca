using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TeamRetro.Confluence.Publishing.Persistence.SagaRepository;

/// <summary>Recognises "that key already exists" on each provider: two first messages racing to create one saga.</summary>
internal static class SagaConflicts
{
    public static bool IsDuplicateKey(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,                      // SQLITE_CONSTRAINT
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        SqlException { Number: 2627 or 2601 } => true,                         // PK / unique index violation
        _ => false,
    };
}
