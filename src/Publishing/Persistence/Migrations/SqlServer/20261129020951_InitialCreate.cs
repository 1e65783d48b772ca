using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.SqlServer
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
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: false),
                    Username = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    EncryptedSecret = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ApiProfile = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SpaceKey = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    RetrospectiveParentTitle = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    HealthCheckParentTitle = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    CloudId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    EncryptedRefreshToken = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    EncryptedAccessToken = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RefreshClaimedUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    NeedsReconsent = table.Column<bool>(type: "bit", nullable: false),
                    TokenStamp = table.Column<int>(type: "int", nullable: false),
                    TitlePattern = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    RetrospectiveTemplate = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    HealthCheckTemplate = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrations", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "publications",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    CurrentState = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    MeetingTitle = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    MeetingJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MeetingSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PendingMeetingJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    SpaceKey = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ParentPageTitle = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ParentPageId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PageId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PageTitle = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    PageVersion = table.Column<int>(type: "int", nullable: true),
                    PageUrl = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true),
                    AttachmentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PdfSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CurrentStep = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FailedStep = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    ReplayCount = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    StepStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
