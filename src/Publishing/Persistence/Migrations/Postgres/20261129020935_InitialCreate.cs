using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Postgres
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
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Username = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    EncryptedSecret = table.Column<string>(type: "text", nullable: true),
                    ApiProfile = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SpaceKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    RetrospectiveParentTitle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    HealthCheckParentTitle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    CloudId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EncryptedRefreshToken = table.Column<string>(type: "text", nullable: true),
                    EncryptedAccessToken = table.Column<string>(type: "text", nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RefreshClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NeedsReconsent = table.Column<bool>(type: "boolean", nullable: false),
                    TokenStamp = table.Column<int>(type: "integer", nullable: false),
                    TitlePattern = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    RetrospectiveTemplate = table.Column<string>(type: "text", nullable: true),
                    HealthCheckTemplate = table.Column<string>(type: "text", nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrations", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "publications",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CurrentState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MeetingTitle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    MeetingJson = table.Column<string>(type: "text", nullable: false),
                    MeetingSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PendingMeetingJson = table.Column<string>(type: "text", nullable: true),
                    SpaceKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ParentPageTitle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ParentPageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PageTitle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    PageVersion = table.Column<int>(type: "integer", nullable: true),
                    PageUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    AttachmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CurrentStep = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FailedStep = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ReplayCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StepStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
