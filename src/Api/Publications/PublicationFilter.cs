using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <summary>Which publications a list or a bulk replay covers; every part is optional. Dates are on the last change.</summary>
public sealed record PublicationFilter(Guid? TenantId = null, string? State = null, MeetingKind? Kind = null, string? FailedStep = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public IQueryable<ReportPublication> Apply(IQueryable<ReportPublication> query)
    {
        if (TenantId is { } t)
            query = query.Where(p => p.TenantId == t);
        if (State is not null)
            query = query.Where(p => p.CurrentState == State);
        if (Kind is not null)
            query = query.Where(p => p.MeetingKind == Kind);
        if (FailedStep is not null)
            query = query.Where(p => p.FailedStep == FailedStep);
        // Offsets are normalised: PostgreSQL's timestamptz takes UTC values only.
        if (From?.ToUniversalTime() is { } f)
            query = query.Where(p => p.UpdatedAt >= f);
        if (To?.ToUniversalTime() is { } u)
        {
            // Implied (a row changes after it is created), and it lets the newest-first index start at the bound instead of
            // walking every newer row. The allowance covers workers' clocks disagreeing about created and updated.
            var createdBefore = u + ClockSkewAllowance;
            query = query.Where(p => p.UpdatedAt < u && p.CreatedAt < createdBefore);
        }
        return query;
    }

    static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);
}
