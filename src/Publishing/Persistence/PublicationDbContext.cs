using Microsoft.EntityFrameworkCore;
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportPublication>(e =>
        {
            e.ToTable("publications");
            e.HasKey(p => p.CorrelationId);
            e.Property(p => p.CorrelationId).ValueGeneratedNever();
            // Optimistic concurrency: the saga repository increments Version on every update.
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Property(p => p.CurrentState).HasMaxLength(64);
            e.Property(p => p.MeetingKind).HasConversion<string>().HasMaxLength(32);
            e.Property(p => p.MeetingTitle).HasMaxLength(255);
            e.Property(p => p.MeetingSha256).HasMaxLength(64);
            e.Property(p => p.SpaceKey).HasMaxLength(255);
            e.Property(p => p.ParentPageTitle).HasMaxLength(255);
            e.Property(p => p.ParentPageId).HasMaxLength(64);
            e.Property(p => p.PageId).HasMaxLength(64);
            e.Property(p => p.PageTitle).HasMaxLength(255);
            e.Property(p => p.PageUrl).HasMaxLength(2048);
            e.Property(p => p.AttachmentId).HasMaxLength(64);
            e.Property(p => p.PdfSha256).HasMaxLength(64);
            e.Property(p => p.CurrentStep).HasMaxLength(64);
            e.Property(p => p.FailedStep).HasMaxLength(64);
            e.Property(p => p.LastError).HasMaxLength(2048);
            e.HasIndex(p => new { p.TenantId, p.CurrentState });
            e.HasIndex(p => new { p.TenantId, p.UpdatedAt });
            e.HasIndex(p => new { p.CurrentState, p.UpdatedAt }); // the sweeper's query
            e.HasIndex(p => new { p.CreatedAt, p.CorrelationId }); // the Api's keyset paging, newest first
        });

        modelBuilder.Entity<ConfluenceIntegration>(e =>
        {
            e.ToTable("integrations");
            e.HasKey(i => i.TenantId);
            e.Property(i => i.TenantId).ValueGeneratedNever();
            e.Property(i => i.AuthKind).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.ApiProfile).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.CloudId).HasMaxLength(64);
            e.Property(i => i.TitlePattern).HasMaxLength(255);
            e.Property(i => i.TokenStamp).IsConcurrencyToken();
            e.Property(i => i.BaseUrl).HasMaxLength(2048);
            e.Property(i => i.Username).HasMaxLength(255);
            e.Property(i => i.SpaceKey).HasMaxLength(255);
            e.Property(i => i.RetrospectiveParentTitle).HasMaxLength(255);
            e.Property(i => i.HealthCheckParentTitle).HasMaxLength(255);
        });
    }
}
