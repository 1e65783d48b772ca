using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "integrations",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    EncryptedSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ApiProfile = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SpaceKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    RetrospectiveParentTitle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    HealthCheckParentTitle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CloudId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EncryptedRefreshToken = table.Column<string>(type: "TEXT", nullable: true),
                    EncryptedAccessToken = table.Column<string>(type: "TEXT", nullable: true),
                    AccessTokenExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefreshClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    NeedsReconsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    TokenStamp = table.Column<int>(type: "INTEGER", nullable: false),
                    TitlePattern = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RetrospectiveTemplate = table.Column<string>(type: "TEXT", nullable: true),
                    HealthCheckTemplate = table.Column<string>(type: "TEXT", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrations", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "publications",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentState = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MeetingTitle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MeetingJson = table.Column<string>(type: "TEXT", nullable: false),
                    MeetingSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PendingMeetingJson = table.Column<string>(type: "TEXT", nullable: true),
                    SpaceKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ParentPageTitle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ParentPageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PageTitle = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    PageVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    PageUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AttachmentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CurrentStep = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FailedStep = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplayCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StepStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_publications", x => x.CorrelationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_publications_CurrentState_UpdatedAt",
                table: "publications",
                columns: new[] { "CurrentState", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_CurrentState",
                table: "publications",
                columns: new[] { "TenantId", "CurrentState" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_UpdatedAt",
                table: "publications",
                columns: new[] { "TenantId", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrations");

            migrationBuilder.DropTable(
                name: "publications");
        }
    }
}
