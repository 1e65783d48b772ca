using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Persistence;

/// <summary>
/// The one EF Core model of the product (saga instances and integrations), shared by the Worker and the Api.
/// Each provider has a subclass only so it can keep its own migrations; the model is the same.
/// </summary>
public abstract class PublicationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReportPublication> Publications => Set<ReportPublication>();
    public DbSet<ConfluenceIntegration> Integrations => Set<ConfluenceIntegration>();
    public DbSet<SiteBackoff> SiteBackoffs => Set<SiteBackoff>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportPublication>(e =>
        {
            e.ToTable("publications");
            e.HasKey(p => p.CorrelationId);
            e.Property(p => p.CorrelationId).ValueGeneratedNever();
            // Optimistic concurrency: the saga repository increments Version on every update.
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Property(p => p.CurrentState).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.MeetingKind).HasConversion<string>().HasMaxLength(32);
            e.Property(p => p.MeetingTitle).HasMaxLength(StoredText.NameLength);
            e.Property(p => p.MeetingSha256).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.SpaceKey).HasMaxLength(StoredText.NameLength);
            e.Property(p => p.ParentPageTitle).HasMaxLength(StoredText.NameLength);
            e.Property(p => p.ParentPageId).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.PageId).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.PageTitle).HasMaxLength(StoredText.NameLength);
            e.Property(p => p.PageUrl).HasMaxLength(StoredText.UrlLength);
            e.Property(p => p.AttachmentId).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.PdfSha256).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.CurrentStep).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.FailedStep).HasMaxLength(StoredText.IdLength);
            e.Property(p => p.LastError).HasMaxLength(StoredText.ErrorLength);
            // Each index costs every saga write; docs/performance.md ("The store at ten million publications") says why each is here.
            // A tenant's listing, newest first (keyset). UpdatedAt last, only so a recent `from` is checked in the index.
            e.HasIndex(p => new { p.TenantId, p.CreatedAt, p.CorrelationId, p.UpdatedAt });
            e.HasIndex(p => new { p.TenantId, p.CurrentState, p.CreatedAt, p.CorrelationId }); // ... filtered by state
            e.HasIndex(p => new { p.TenantId, p.FailedStep, p.CreatedAt, p.CorrelationId }); // ... filtered by failed step
            e.HasIndex(p => new { p.TenantId, p.UpdatedAt, p.CreatedAt, p.CorrelationId }); // ... filtered by last change
            e.HasIndex(p => new { p.CreatedAt, p.CorrelationId }); // an operator's listing of every tenant
            // Retention: the oldest rows not purged yet. Partial, so it holds only the rows that still have a snapshot and
            // walks in UpdatedAt order (PostgreSQL orders a (PurgedAt, UpdatedAt) index by UpdatedAt only for an equality,
            // not IS NULL). The filter's quoting is read alike by all three providers.
            e.HasIndex(p => p.UpdatedAt, "IX_publications_UpdatedAt_NotPurged").HasFilter("\"PurgedAt\" IS NULL");
            e.Property(p => p.WaitReason).HasMaxLength(StoredText.ErrorLength);
            e.Property(p => p.WaitingOnSite).HasMaxLength(StoredText.IdLength);
            // The waiting dispatcher's query, and the sweeper's: it seeks the few rows in a step by the leading column.
            e.HasIndex(p => new { p.CurrentState, p.NextAttemptAt });
            e.HasIndex(p => new { p.WaitingOnSite, p.CurrentState }); // waking a site's publications
        });

        modelBuilder.Entity<Outbox.OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Destination).HasMaxLength(StoredText.UrlLength);
            e.Property(m => m.MessageType).HasMaxLength(StoredText.NameLength);
            e.Property(m => m.TraceParent).HasMaxLength(StoredText.NameLength);
            e.HasIndex(m => m.CreatedAt); // the relay's query
        });

        modelBuilder.Entity<SiteBackoff>(e =>
        {
            e.ToTable("site_backoffs");
            e.HasKey(b => b.SiteKey);
            e.Property(b => b.SiteKey).HasMaxLength(StoredText.IdLength);
            e.Property(b => b.Host).HasMaxLength(StoredText.NameLength);
            e.Property(b => b.Reason).HasMaxLength(StoredText.ErrorLength);
        });

        modelBuilder.Entity<ConfluenceIntegration>(e =>
        {
            e.ToTable("integrations");
            e.HasKey(i => i.TenantId);
            e.Property(i => i.TenantId).ValueGeneratedNever();
            e.Property(i => i.AuthKind).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.ApiProfile).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.CloudId).HasMaxLength(StoredText.IdLength);
            e.Property(i => i.TitlePattern).HasMaxLength(StoredText.NameLength);
            e.Property(i => i.TokenStamp).IsConcurrencyToken();
            e.Property(i => i.BaseUrl).HasMaxLength(StoredText.UrlLength);
            e.Property(i => i.Username).HasMaxLength(StoredText.NameLength);
            e.Property(i => i.SpaceKey).HasMaxLength(StoredText.NameLength);
            e.Property(i => i.RetrospectiveParentTitle).HasMaxLength(StoredText.NameLength);
            e.Property(i => i.HealthCheckParentTitle).HasMaxLength(StoredText.NameLength);
        });
    }
}
